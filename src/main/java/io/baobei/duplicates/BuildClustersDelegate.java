package io.baobei.duplicates;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_BuildClusters: the confirmed pairs become clusters; the scan is done. */
@Component("buildClustersDelegate")
class BuildClustersDelegate implements JavaDelegate {

    private final DuplicateScanService scans;

    BuildClustersDelegate(DuplicateScanService scans) {
        this.scans = scans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        scans.buildClusters(DuplicateScanVariables.scanId(execution));
    }
}
