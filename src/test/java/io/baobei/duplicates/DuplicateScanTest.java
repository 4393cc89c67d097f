package io.baobei.duplicates;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.common.BusinessRuleException;
import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.UserDirectory;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;
import io.baobei.support.Together;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scan finds the duplicates seeded here, with the check's rules, and nothing else of theirs; a scan stopped in
 * the middle (a batch rolled back as by a crash, then the jobs of the restarted node) finishes with the same
 * clusters as an uninterrupted one, every pair once; of two scans started at the same moment one runs.
 */
@BaobeiSpringTest
class DuplicateScanTest {

    @Autowired DuplicateScanService scans;
    @Autowired DuplicateClusterService clusters;
    @Autowired OwnershipService ownership;
    @Autowired UserDirectory directory;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired Clock clock;

    /** Customers of one test: a name-variant pair, a shared-phone pair, a typo pair and one on its own. */
    record Seeded(List<Long> variant, List<Long> phone, List<Long> typo, Long alone) {
        Set<Set<Long>> clusters() {
            return Set.of(Set.copyOf(variant), Set.copyOf(phone), Set.copyOf(typo));
        }

        Set<Long> all() {
            Set<Long> all = new HashSet<>(variant);
            all.addAll(phone);
            all.addAll(typo);
            all.add(alone);
            return all;
        }
    }

    @Test
    void theScanFindsTheSeededClustersWithTheirReasonsAndNotTheUnrelatedCustomer() {
        Seeded seeded = seed(new SplittableRandom(System.nanoTime()));
        long scanId = runScan(startScan());

        DuplicateScanService.ScanView view = scans.latest();
        assertThat(view.id()).isEqualTo(scanId);
        assertThat(view.state()).isEqualTo("DONE");
        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.rowsRead()).isEqualTo(view.rowsTotal());
        assertThat(clustersOf(scanId, seeded.all())).isEqualTo(seeded.clusters());

        Map<Set<Long>, List<String>> reasons = reasonsOf(scanId, seeded);
        assertThat(reasons.get(Set.copyOf(seeded.variant()))).contains("NAME_CORE");
        assertThat(reasons.get(Set.copyOf(seeded.phone()))).contains("PHONE");
        assertThat(reasons.get(Set.copyOf(seeded.typo()))).contains("NAME_SIMILAR");
    }

    @Test
    void aScanStoppedInTheMiddleResumesAfterItsLastCommittedBatchAndFinishesWithTheSameClusters() {
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        Seeded seeded = seed(random);
        for (int i = 0; i < 150; i++) {
            // enough key rows for several batches of 300, whatever else the database holds
            pool("南京" + tradeName(random) + "咨询有限公司", null);
        }
        long interrupted = startScan();
        executeJob(processOf(interrupted));
        Map<String, Object> before = progress(interrupted);
        assertThat(before.get("phase")).as("still reading keys after one batch").isEqualTo("NAME_KEYS");
        assertThat(before.get("cursor_key")).isNotNull();

        // the node dies in the middle of the next batch: its transaction never commits, the cursor stays
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            scans.scanNextBatch(interrupted);
            status.setRollbackOnly();
        });
        assertThat(progress(interrupted)).isEqualTo(before);

        // the restarted node's job executor finds the same job and goes on from the cursor
        runScan(interrupted);
        Set<Set<Long>> resumed = clustersOf(interrupted, seeded.all());
        long pairs = jdbc.queryForObject("select count(*) from duplicate_pair where scan_id = ?", Long.class, interrupted);
        assertThat(progress(interrupted).get("pairs_confirmed")).as("every stored pair counted once")
                .isEqualTo(pairs);
        Set<Set<Long>> allResumed = allClusters(interrupted);
        long members = jdbc.queryForObject("select count(*) from duplicate_cluster_member m join duplicate_cluster c"
                + " on c.id = m.cluster_id where c.scan_id = ?", Long.class, interrupted);
        long distinctMembers = jdbc.queryForObject("select count(distinct m.customer_id) from duplicate_cluster_member m"
                + " join duplicate_cluster c on c.id = m.cluster_id where c.scan_id = ?", Long.class, interrupted);
        assertThat(members).as("a customer in one cluster only").isEqualTo(distinctMembers);

        long uninterrupted = runScan(startScan());
        assertThat(resumed).isEqualTo(seeded.clusters());
        assertThat(allClusters(uninterrupted)).as("the same clusters as a scan that ran through").isEqualTo(allResumed);
        assertThat(jdbc.queryForObject("select count(*) from duplicate_pair where scan_id = ?", Long.class,
                uninterrupted)).isEqualTo(pairs);
    }

    @Test
    void aSecondScanIsRefusedWhileOneRuns() {
        long running = startScan();
        assertThatThrownBy(this::startScan).isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("正在进行");
        runScan(running);
    }

    @Test
    void twoAdminsStartingAScanAtTheSameMomentStartOne() throws Exception {
        java.util.concurrent.Callable<Object> start = () -> {
            try {
                return startScan();
            } catch (BusinessRuleException refused) {
                return refused.getMessage();
            }
        };
        List<Object> outcomes = Together.together(List.of(start, start));

        assertThat(outcomes).as("one scan started").filteredOn(Long.class::isInstance).hasSize(1);
        assertThat(outcomes).as("the other admin told").filteredOn(String.class::isInstance).singleElement()
                .asString().contains("正在进行");
        assertThat(jdbc.queryForObject("select count(*) from duplicate_scan where state = 'RUNNING'", Long.class))
                .isOne();
        runScan((Long) outcomes.stream().filter(Long.class::isInstance).findFirst().orElseThrow());
        assertThat(jdbc.queryForObject("select count(*) from duplicate_scan where state = 'RUNNING'", Long.class))
                .isZero();
    }

    /** A test that failed half-way leaves no running scan behind to refuse the next one. */
    @org.junit.jupiter.api.AfterEach
    void finishRunningScans() {
        jdbc.queryForList("select id from duplicate_scan where state = 'RUNNING'", Long.class).forEach(this::runScan);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private long startScan() {
        return scans.start(directory.actor(TestIdentities.ADMIN)).id();
    }

    /** Executes the scan's jobs until its process ends, as the job executor would; returns the scan id. */
    long runScan(long scanId) {
        new ScanJobs(scans, managementService, jdbc, directory).run(scanId);
        assertThat(progress(scanId).get("phase")).isEqualTo("DONE");
        return scanId;
    }

    private void executeJob(String processInstance) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstance)
                .singleResult().getId());
    }

    private String processOf(long scanId) {
        return jdbc.queryForObject("select process_instance_id from duplicate_scan where id = ?", String.class, scanId);
    }

    private Map<String, Object> progress(long scanId) {
        return jdbc.queryForMap("select phase, cursor_key, rows_read, pairs_checked, pairs_confirmed, keys_skipped"
                + " from duplicate_scan where id = ?", scanId);
    }

    /** The clusters of a scan that hold any of {@code customers}, as sets of customer ids. */
    private Set<Set<Long>> clustersOf(long scanId, Set<Long> customers) {
        return allClusters(scanId).stream().filter(c -> c.stream().anyMatch(customers::contains))
                .collect(Collectors.toSet());
    }

    private Set<Set<Long>> allClusters(long scanId) {
        return jdbc.query("select m.cluster_id, m.customer_id from duplicate_cluster_member m join duplicate_cluster c"
                        + " on c.id = m.cluster_id where c.scan_id = ?", rs -> {
                    Map<Long, Set<Long>> byCluster = new java.util.HashMap<>();
                    while (rs.next()) {
                        byCluster.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                    }
                    return new HashSet<>(byCluster.values());
                }, scanId);
    }

    private Map<Set<Long>, List<String>> reasonsOf(long scanId, Seeded seeded) {
        Map<Set<Long>, List<String>> reasons = new java.util.HashMap<>();
        for (List<Long> pair : List.of(seeded.variant(), seeded.phone(), seeded.typo())) {
            long a = Math.min(pair.get(0), pair.get(1));
            long b = Math.max(pair.get(0), pair.get(1));
            reasons.put(Set.copyOf(pair), List.of(jdbc.queryForObject("select reasons from duplicate_pair where scan_id = ?"
                    + " and customer_a = ? and customer_b = ?", String.class, scanId, a, b).split(",")));
        }
        return reasons;
    }

    /** Three random CJK characters: a trade name no other test's customer shares a key with. */
    static String tradeName(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            name.append((char) (0x5A00 + random.nextInt(0x2000)));
        }
        return name.toString();
    }

    Seeded seed(SplittableRandom random) {
        String variant = tradeName(random);
        Long a1 = pool("深圳市" + variant + "科技有限公司", null);
        Long a2 = pool(variant + "科技（深圳）有限公司", null);
        String phone = Processes.uniqueMobile();
        Long b1 = pool("广州市" + tradeName(random) + "贸易有限公司", phone);
        Long b2 = pool("杭州" + tradeName(random) + "物流有限公司", phone);
        // four characters: a single mistyped character of a trade name that long is a typo whatever the character
        // (a shorter one needs a 形近 or 同音 character, dedup.md)
        String typo = tradeName(random) + (char) (0x5A00 + random.nextInt(0x2000));
        Long c1 = pool("上海" + typo + "信息技术有限公司", null);
        Long c2 = pool("上海" + typo.charAt(0) + (char) (typo.charAt(1) + 1) + typo.substring(2) + "信息技术有限公司", null);
        Long alone = pool("成都" + tradeName(random) + "餐饮管理有限公司", null);
        return new Seeded(List.of(a1, a2), List.of(b1, b2), List.of(c1, c2), alone);
    }

    private Long pool(String name, String phone) {
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", phone == null ? Processes.uniqueMobile() : phone, null, "IT",
                "广东省", Grade.B);
        return ownership.importCustomer(customer, null, "测试导入", "test").getId();
    }
}
