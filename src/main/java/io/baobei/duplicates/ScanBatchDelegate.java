package io.baobei.duplicates;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ScanBatch: one batch of keys, in the job's transaction with the cursor that marks it done. */
@Component("scanBatchDelegate")
class ScanBatchDelegate implements JavaDelegate {

    private final DuplicateScanService scans;

    ScanBatchDelegate(DuplicateScanService scans) {
        this.scans = scans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean complete = scans.scanNextBatch(DuplicateScanVariables.scanId(execution));
        execution.setVariable(DuplicateScanVariables.PAIRS_COMPLETE, complete);
    }
}
