package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.extension.ExtensionVariables.EXTENSION_REFUSAL;
import static io.baobei.extension.ExtensionVariables.extensionId;

/** Task_RefuseExtension (synchronous): over the limits of ExtensionPolicy; the decision's reason is the message. */
@Component
public class RefuseExtensionDelegate implements JavaDelegate {

    private final ExtensionService service;

    public RefuseExtensionDelegate(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.refuse(extensionId(execution), execution.getProcessInstanceId(), execution.getVariable(EXTENSION_REFUSAL));
    }
}
