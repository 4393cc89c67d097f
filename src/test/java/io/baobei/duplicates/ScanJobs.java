package io.baobei.duplicates;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.identity.UserDirectory;
import io.baobei.support.TestIdentities;

/**
 * Runs a duplicate scan in a test as the job executor would: every job of its process, one after the other (also
 * for pool.ClaimMergeRaceTest).
 */
public record ScanJobs(DuplicateScanService scans, ManagementService managementService, JdbcTemplate jdbc,
                       UserDirectory directory) {

    /** Starts a scan as the test admin and runs it to its end; returns the scan id. */
    public long scan() {
        return run(scans.start(directory.actor(TestIdentities.ADMIN)).id());
    }

    long run(long scanId) {
        String processInstance = jdbc.queryForObject("select process_instance_id from duplicate_scan where id = ?",
                String.class, scanId);
        for (int i = 0; i < 10_000; i++) {
            Job job = managementService.createJobQuery().processInstanceId(processInstance).singleResult();
            if (job == null) {
                return scanId;
            }
            managementService.executeJob(job.getId());
        }
        throw new AssertionError("scan " + scanId + " did not finish");
    }

    /** The cluster of the scan that holds {@code customerId}. */
    public long clusterOf(long scanId, Long customerId) {
        return jdbc.queryForObject("select c.id from duplicate_cluster c join duplicate_cluster_member m"
                + " on m.cluster_id = c.id where c.scan_id = ? and m.customer_id = ?", Long.class, scanId, customerId);
    }
}
