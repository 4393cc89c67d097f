package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.extension.ExtensionVariables.CANCEL_REASON;
import static io.baobei.extension.ExtensionVariables.extensionId;

/** Task_CancelExtension (synchronous, in the transaction of the ownership change that made the request moot). */
@Component
public class CancelExtensionDelegate implements JavaDelegate {

    private final ExtensionService service;

    public CancelExtensionDelegate(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.cancel(extensionId(execution), execution.getProcessInstanceId(), execution.getVariable(CANCEL_REASON));
    }
}
