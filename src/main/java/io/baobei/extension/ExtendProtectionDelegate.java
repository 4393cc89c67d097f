package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.extension.ExtensionVariables.extensionId;

/** Task_ExtendProtection (asynchronous, retried): the approved extension, through the ownership core. */
@Component
public class ExtendProtectionDelegate implements JavaDelegate {

    private final ExtensionService service;

    public ExtendProtectionDelegate(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.extend(extensionId(execution), execution.getProcessInstanceId());
    }
}
