package io.baobei.duplicates;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.baobei.common.BusinessRuleException;

/** Every variable name of {@code DuplicateScanProcess} (business key = scan id), in one place. */
public final class DuplicateScanVariables {

    public static final String PROCESS_KEY = "DuplicateScanProcess";

    /** true once every key has been read and the pairs are complete: read by Gateway_PairsComplete */
    public static final String PAIRS_COMPLETE = "pairsComplete";

    private DuplicateScanVariables() {
    }

    /** The scan a step works on: from the business key the service set, never from a variable. */
    static Long scanId(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null) {
            throw new BusinessRuleException("重复客户扫描流程缺少扫描编号");
        }
        return Long.valueOf(businessKey);
    }
}
