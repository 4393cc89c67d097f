package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.protection.ExtensionInput;
import io.baobei.protection.ProtectionVariables;

import static io.baobei.extension.ExtensionVariables.EXTENSION_DAYS;
import static io.baobei.extension.ExtensionVariables.EXTENSION_REASON;

/**
 * Task_RequestExtension of CustomerProtectionProcess: the owner chose 申请延期 in the follow-up task. The same path as
 * {@code POST /api/customers/{id}/extension}: the customer is the instance's business key (a form cannot change it),
 * the requester the instance's owner, the period this very instance. A request the rules refuse (over the policy's
 * limits, one already pending) is recorded REFUSED and the owner notified: never an incident. The days and the reason
 * were checked in the follow-up form's transaction (Task_CheckFollowUp); this step runs asynchronously afterwards.
 */
@Component
public class RequestExtensionDelegate implements JavaDelegate {

    private final ExtensionService service;

    public RequestExtensionDelegate(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ExtensionInput input = ExtensionInput.read(execution.getVariable(EXTENSION_DAYS),
                execution.getVariable(EXTENSION_REASON), EXTENSION_DAYS, EXTENSION_REASON);
        service.submit((String) execution.getVariable(ProtectionVariables.OWNER),
                ProtectionVariables.customerId(execution), execution.getProcessInstanceId(), input,
                ExtensionChannel.TASKLIST);
    }
}
