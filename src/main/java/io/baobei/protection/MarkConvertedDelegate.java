package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.*;

/** Task_MarkConverted (asynchronous): 成交, protection ends with the customer converted. */
@Component
public class MarkConvertedDelegate implements JavaDelegate {

    private final ProtectionService service;

    public MarkConvertedDelegate(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.markConverted(customerId(execution), execution.getProcessInstanceId(),
                execution.getVariables());
    }
}
