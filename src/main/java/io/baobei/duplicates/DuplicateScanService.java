package io.baobei.duplicates;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.NotFoundException;
import io.baobei.customer.CustomerStatus;
import io.baobei.dedup.CustomerDuplicateCheck;
import io.baobei.dedup.MatchReason;
import io.baobei.dedup.MatchRules;
import io.baobei.dedup.TradeNameStatistics;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;

/**
 * 重复客户扫描: finds customers already in the data that are likely one company, with the duplicate check's own
 * rules. It never compares all pairs: customers are blocked on the keys the check uses (the name keys of
 * {@code customer_name_key}, the blind indexes of phone and e-mail; credit code and normalised name are unique, so
 * they cannot be shared), each pair under a key is confirmed by {@code MatchRules.evaluate} on the stored profiles
 * ({@link CustomerDuplicateCheck#load}, nothing decrypted), and clusters are the connected components of the
 * confirmed pairs.
 * <p>
 * It runs in the background as {@code DuplicateScanProcess}: each batch of keys is one job and one transaction,
 * which stores the batch's confirmed pairs and moves the cursor (the last key whose group is complete) together.
 * A restart, a failed job or a retry therefore continues after the last committed key; a pair seen again (it
 * shares several keys) is stored once (primary key, checked before inserting).
 */
@Service
public class DuplicateScanService {

    /** What the scan reads, in this order, then what it does with the pairs. */
    enum Phase {
        NAME_KEYS("名称索引"), PHONES("电话"), EMAILS("邮箱"), CLUSTERS("生成重复组"), DONE("完成");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        Phase next() {
            return values()[ordinal() + 1];
        }
    }

    /** RUNNING until the clusters are written (DONE); FAILED when its process is gone (deleted in Cockpit). */
    enum State { RUNNING, DONE, FAILED }

    /** Progress and outcome of a scan, as GET /api/duplicates/scans/latest shows it. */
    public record ScanView(Long id, String state, String phase, String phaseLabel, int percent, long rowsRead,
                           long rowsTotal, long keysSkipped, long pairsChecked, long pairsConfirmed, int clusters,
                           int maxGroup, String startedBy, Instant startedAt, Instant finishedAt) {
    }

    private record Scan(long id, State state, Phase phase, String cursor, int maxGroup, long rowsTotal,
                        long rowsRead, long keysSkipped, long pairsChecked, long pairsConfirmed, int clusters,
                        String startedBy, String processInstanceId, Instant startedAt, Instant finishedAt) {

        ScanView view() {
            int percent = state == State.DONE ? 100 : rowsTotal == 0 ? 0
                    : (int) Math.min(99, rowsRead * 100 / rowsTotal);
            return new ScanView(id, state.name(), phase.name(), phase.label, percent, rowsRead, rowsTotal,
                    keysSkipped, pairsChecked, pairsConfirmed, clusters, maxGroup, startedBy, startedAt, finishedAt);
        }
    }

    /** Two customers, {@code a < b}. */
    private record Pair(long a, long b) {
        static Pair of(long x, long y) {
            return x < y ? new Pair(x, y) : new Pair(y, x);
        }
    }

    private static final String SCAN_COLUMNS = "id, state, phase, cursor_key, max_group, rows_total, rows_read,"
            + " keys_skipped, pairs_checked, pairs_confirmed, clusters, started_by, process_instance_id, started_at,"
            + " finished_at";
    /** ids per statement: far below every database's limit of bind parameters */
    private static final int IN_CHUNK = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final CustomerDuplicateCheck check;
    private final MatchRules rules;
    private final DuplicateScanProperties properties;
    private final RuntimeService runtimeService;
    private final AsSystem asSystem;
    private final AuditLog auditLog;
    private final Clock clock;

    DuplicateScanService(JdbcTemplate jdbc, CustomerDuplicateCheck check, MatchRules rules,
                         DuplicateScanProperties properties, RuntimeService runtimeService, AsSystem asSystem,
                         AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.check = check;
        this.rules = rules;
        this.properties = properties;
        this.runtimeService = runtimeService;
        this.asSystem = asSystem;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------- start, view

    /** Starts a scan (admins); refused while another one runs. */
    @Transactional
    public ScanView start(Actor admin) {
        Scan running = jdbc.query("select " + SCAN_COLUMNS + " from duplicate_scan where state = 'RUNNING'"
                + " order by id for update", this::scan).stream().findFirst().orElse(null);
        if (running != null) {
            boolean alive = asSystem.call(() -> runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(DuplicateScanVariables.PROCESS_KEY)
                    .processInstanceBusinessKey(Long.toString(running.id())).count()) > 0;
            if (alive) {
                throw new BusinessRuleException("重复客户扫描 #" + running.id() + " 正在进行（已完成 "
                        + running.view().percent() + "%），完成后才能再次扫描");
            }
            // its process was deleted (Cockpit): nothing will finish it
            jdbc.update("update duplicate_scan set state = 'FAILED', running_slot = null, finished_at = ? where id = ?",
                    Timestamp.from(Instant.now(clock)), running.id());
        }
        long total = count("select count(*) from customer_name_key")
                + count("select count(*) from customer where phone_hash is not null and status <> 'MERGED'")
                + count("select count(*) from customer where email_hash is not null and status <> 'MERGED'");
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Instant now = Instant.now(clock);
        try {
            jdbc.update(connection -> {
                var statement = connection.prepareStatement("insert into duplicate_scan (state, running_slot, phase,"
                        + " max_group, rows_total, rows_read, keys_skipped, pairs_checked, pairs_confirmed, clusters,"
                        + " started_by, started_at) values ('RUNNING', 1, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)",
                        new String[] {"id"});
                statement.setString(1, Phase.NAME_KEYS.name());
                statement.setInt(2, properties.maxGroup());
                statement.setLong(3, total);
                statement.setString(4, admin.username());
                statement.setTimestamp(5, Timestamp.from(now));
                return statement;
            }, key);
        } catch (DuplicateKeyException startedMeanwhile) {
            // another admin's start committed between our check and this insert (V18: one running scan)
            throw new BusinessRuleException("另一次重复客户扫描刚刚开始，正在进行，完成后才能再次扫描");
        }
        long id = key.getKey().longValue();
        String processInstanceId = asSystem.call(() -> runtimeService.startProcessInstanceByKey(
                DuplicateScanVariables.PROCESS_KEY, Long.toString(id)).getId());
        jdbc.update("update duplicate_scan set process_instance_id = ? where id = ?", processInstanceId, id);
        auditLog.recordAs(admin.username(), "DUPLICATE_SCAN_STARTED", "DUPLICATE_SCAN", id, null,
                "rowsTotal=" + total + ";maxGroup=" + properties.maxGroup(), null);
        return find(id).view();
    }

    /** The most recent scan. */
    @Transactional(readOnly = true)
    public ScanView latest() {
        return jdbc.query("select " + SCAN_COLUMNS + " from duplicate_scan order by id desc limit 1", this::scan)
                .stream().findFirst().map(Scan::view).orElseThrow(() -> new NotFoundException("重复客户扫描", "（尚未扫描）"));
    }

    /** The id of the most recent scan that finished, whose clusters are listed; null when none has. */
    @Transactional(readOnly = true)
    public Long latestDone() {
        return jdbc.query("select id from duplicate_scan where state = 'DONE' order by id desc limit 1",
                (rs, n) -> rs.getLong(1)).stream().findFirst().orElse(null);
    }

    // ---------------------------------------------------------------------------------------------- the scan

    /**
     * Task_ScanBatch: reads the next {@code batchRows} key rows after the cursor, pairs the customers of each
     * complete group, confirms the pairs by the rules and stores them with the new cursor. Returns true when every
     * key has been read (the pairs are complete).
     */
    @Transactional
    public boolean scanNextBatch(long scanId) {
        Scan scan = lock(scanId);
        if (scan.state() != State.RUNNING || scan.phase().compareTo(Phase.CLUSTERS) >= 0) {
            return true;
        }
        int batch = properties.batchRows();
        List<String> keys = new ArrayList<>(batch);
        List<Long> ids = new ArrayList<>(batch);
        jdbc.query(rowsQuery(scan.phase()), rs -> {
            keys.add(rs.getString(1));
            ids.add(rs.getLong(2));
        }, scan.cursor() == null ? "" : scan.cursor(), batch);

        // groups: runs of one key; the last one may go on in the next batch, so it waits for it
        List<int[]> groups = new ArrayList<>();
        for (int i = 0; i < keys.size(); ) {
            int j = i + 1;
            while (j < keys.size() && keys.get(j).equals(keys.get(i))) {
                j++;
            }
            groups.add(new int[] {i, j});
            i = j;
        }
        boolean full = keys.size() == batch;
        Phase phase = scan.phase();
        String cursor;
        long skipped = 0;
        if (!full) {
            phase = phase.next();
            cursor = null;
        } else if (groups.size() == 1) {
            // one key fills a whole batch: far above max-group, skipped without reading the rest of it
            cursor = keys.get(0);
            skipped++;
            groups.clear();
        } else {
            groups.remove(groups.size() - 1);
            cursor = keys.get(groups.get(groups.size() - 1)[0]);
        }

        Set<Pair> candidates = new HashSet<>();
        long read = full && groups.isEmpty() ? keys.size() : 0;
        for (int[] group : groups) {
            int size = group[1] - group[0];
            read += size;
            if (size > scan.maxGroup()) {
                skipped++;
                continue;
            }
            for (int x = group[0]; x < group[1]; x++) {
                for (int y = x + 1; y < group[1]; y++) {
                    if (!ids.get(x).equals(ids.get(y))) {
                        candidates.add(Pair.of(ids.get(x), ids.get(y)));
                    }
                }
            }
        }
        Map<Pair, MatchRules.Evaluation> confirmed = confirm(candidates);
        int inserted = insertNew(scanId, confirmed);
        jdbc.update("update duplicate_scan set phase = ?, cursor_key = ?, rows_read = rows_read + ?,"
                        + " keys_skipped = keys_skipped + ?, pairs_checked = pairs_checked + ?,"
                        + " pairs_confirmed = pairs_confirmed + ? where id = ?",
                phase.name(), cursor, read, skipped, candidates.size(), inserted, scanId);
        return phase == Phase.CLUSTERS;
    }

    /** The key rows of a phase after the cursor ('' = from the start), in key order. */
    private static String rowsQuery(Phase phase) {
        return switch (phase) {
            // the primary key (name_key, customer_id) gives this order without sorting
            case NAME_KEYS -> "select name_key, customer_id from customer_name_key where name_key > ?"
                    + " order by name_key, customer_id limit ?";
            case PHONES -> "select phone_hash, id from customer where phone_hash > ? and status <> 'MERGED'"
                    + " order by phone_hash limit ?";
            case EMAILS -> "select email_hash, id from customer where email_hash > ? and status <> 'MERGED'"
                    + " order by email_hash limit ?";
            default -> throw new IllegalStateException("no rows to read in phase " + phase);
        };
    }

    /** The pairs the duplicate check's rules call a match, on the customers as stored (merged ones left out). */
    private Map<Pair, MatchRules.Evaluation> confirm(Set<Pair> candidates) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Set<Long> ids = new HashSet<>();
        candidates.forEach(p -> {
            ids.add(p.a());
            ids.add(p.b());
        });
        Map<Long, CustomerDuplicateCheck.StoredCustomer> stored = new HashMap<>(ids.size() * 2);
        for (List<Long> chunk : chunks(ids)) {
            for (CustomerDuplicateCheck.StoredCustomer customer : check.load(chunk)) {
                if (customer.status() != CustomerStatus.MERGED) {
                    stored.put(customer.id(), customer);
                }
            }
        }
        // each trade name counted once per batch: the pairs of a t: key's group all share its trade name, and the
        // rules would otherwise look its count up again for every pair (up to max-group² / 2 queries for one count)
        Map<String, Integer> counted = new HashMap<>();
        TradeNameStatistics statistics = trade -> counted.computeIfAbsent(trade, rules.statistics()::customersWithTrade);
        Map<Pair, MatchRules.Evaluation> confirmed = new HashMap<>();
        for (Pair pair : candidates) {
            CustomerDuplicateCheck.StoredCustomer a = stored.get(pair.a());
            CustomerDuplicateCheck.StoredCustomer b = stored.get(pair.b());
            if (a == null || b == null) {
                continue;
            }
            MatchRules.Evaluation evaluation = rules.evaluate(a.profile(), b.profile(), statistics);
            if (likelyDuplicate(evaluation, a.profile(), b.profile())) {
                confirmed.put(pair, evaluation);
            }
        }
        return confirmed;
    }

    /**
     * Which matches of the rules link two customers into a cluster: a strong reason (what the check calls CONFLICT
     * when another rep holds the customer: credit code, phone, e-mail, exact or core name with agreeing regions), a
     * branch of the same core name, or a similar name that is otherwise the same name (the whole normalised names one
     * edit apart: a typo). The other weak matches (the same or a similar trade name in another city, industry or legal
     * form) are what the check shows a reviewer as SUSPECT, one company against one customer; as links between all
     * customers they chain most of a large database into one cluster (measured on 100k synthetic customers: 99.6 % of
     * all matching pairs were such NAME_SIMILAR pairs), so the scan does not follow them.
     */
    static boolean likelyDuplicate(MatchRules.Evaluation evaluation, MatchRules.Profile a, MatchRules.Profile b) {
        if (!evaluation.isMatch()) {
            return false;
        }
        return evaluation.isStrong() || evaluation.reasons().equals(Set.of(MatchReason.BRANCH))
                || a.name().withinOneEditOf(b.name());
    }

    /**
     * Stores the pairs, once: a pair found again (under another key, or by a batch redone after a restart) is left as
     * it is by the primary key, without reading first. Returns how many rows the database reports written.
     */
    private int insertNew(long scanId, Map<Pair, MatchRules.Evaluation> confirmed) {
        if (confirmed.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>(confirmed.size());
        confirmed.forEach((pair, evaluation) -> rows.add(new Object[] {scanId, pair.a(), pair.b(),
                reasons(evaluation.reasons()), evaluation.score()}));
        int[] written = jdbc.batchUpdate(insertOnce(), rows);
        int total = 0;
        for (int n : written) {
            total += Math.max(n, 0);
        }
        return total;
    }

    /** "Insert unless there" in each database's words (H2's MERGE … KEY writes the same values again). */
    private String insertOnce() {
        if (insertOnce == null) {
            String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
            insertOnce = "H2".equalsIgnoreCase(product)
                    ? "merge into duplicate_pair (scan_id, customer_a, customer_b, reasons, score)"
                    + " key (scan_id, customer_a, customer_b) values (?, ?, ?, ?, ?)"
                    : "insert into duplicate_pair (scan_id, customer_a, customer_b, reasons, score)"
                    + " values (?, ?, ?, ?, ?) on conflict do nothing";
        }
        return insertOnce;
    }

    private volatile String insertOnce;

    private static String reasons(Collection<MatchReason> reasons) {
        return reasons.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /**
     * Task_BuildClusters: the connected components of the confirmed pairs (union-find), written as clusters in one
     * transaction; the clusters of earlier scans go (this scan sees the data as it is now).
     */
    @Transactional
    public void buildClusters(long scanId) {
        Scan scan = lock(scanId);
        if (scan.state() != State.RUNNING || scan.phase() != Phase.CLUSTERS) {
            return;
        }
        Map<Long, Long> parent = new HashMap<>();
        jdbc.query("select customer_a, customer_b from duplicate_pair where scan_id = ?", rs -> {
            union(parent, rs.getLong(1), rs.getLong(2));
        }, scanId);
        Map<Long, List<Long>> components = new TreeMap<>();
        for (Long id : parent.keySet()) {
            components.computeIfAbsent(root(parent, id), r -> new ArrayList<>()).add(id);
        }
        List<List<Long>> clusters = components.values().stream()
                .peek(members -> members.sort(null))
                .sorted((x, y) -> Long.compare(x.get(0), y.get(0)))
                .toList();
        long base = jdbc.queryForObject("select coalesce(max(id), 0) from duplicate_cluster", Long.class);
        List<Object[]> clusterRows = new ArrayList<>(clusters.size());
        List<Object[]> memberRows = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            long clusterId = base + i + 1;
            clusterRows.add(new Object[] {clusterId, scanId, clusters.get(i).size()});
            for (Long member : clusters.get(i)) {
                memberRows.add(new Object[] {clusterId, member});
            }
        }
        jdbc.update("delete from duplicate_cluster_member where cluster_id in"
                + " (select id from duplicate_cluster where scan_id < ?)", scanId);
        jdbc.update("delete from duplicate_cluster where scan_id < ?", scanId);
        jdbc.update("delete from duplicate_pair where scan_id < ?", scanId);
        jdbc.batchUpdate("insert into duplicate_cluster (id, scan_id, member_count, state) values (?, ?, ?, 'OPEN')",
                clusterRows);
        jdbc.batchUpdate("insert into duplicate_cluster_member (cluster_id, customer_id) values (?, ?)", memberRows);
        // the pairs as stored: the running count may have counted a pair H2 wrote again
        long pairs = jdbc.queryForObject("select count(*) from duplicate_pair where scan_id = ?", Long.class, scanId);
        jdbc.update("update duplicate_scan set state = 'DONE', running_slot = null, phase = 'DONE', clusters = ?,"
                + " pairs_confirmed = ?,"
                + " rows_read = rows_total, finished_at = ? where id = ?", clusters.size(), pairs,
                Timestamp.from(Instant.now(clock)), scanId);
        auditLog.recordAs(AuditLog.SYSTEM, "DUPLICATE_SCAN_DONE", "DUPLICATE_SCAN", scanId, null,
                "pairs=" + pairs + ";clusters=" + clusters.size(), null);
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = root(parent, a);
        long rb = root(parent, b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    /** The smallest id of the component, with path halving so that long chains stay cheap. */
    private static long root(Map<Long, Long> parent, long id) {
        parent.putIfAbsent(id, id);
        long current = id;
        while (parent.get(current) != current) {
            long up = parent.get(current);
            long grand = parent.get(up);
            parent.put(current, grand);
            current = grand;
        }
        return current;
    }

    // ----------------------------------------------------------------------------------------------- inside

    private Scan lock(long id) {
        return jdbc.query("select " + SCAN_COLUMNS + " from duplicate_scan where id = ? for update", this::scan, id)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("重复客户扫描", id));
    }

    private Scan find(long id) {
        return jdbc.query("select " + SCAN_COLUMNS + " from duplicate_scan where id = ?", this::scan, id)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("重复客户扫描", id));
    }

    private Scan scan(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Scan(rs.getLong("id"), State.valueOf(rs.getString("state")), Phase.valueOf(rs.getString("phase")),
                rs.getString("cursor_key"), rs.getInt("max_group"), rs.getLong("rows_total"), rs.getLong("rows_read"),
                rs.getLong("keys_skipped"), rs.getLong("pairs_checked"), rs.getLong("pairs_confirmed"),
                rs.getInt("clusters"), rs.getString("started_by"), rs.getString("process_instance_id"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    /** For the clusters' listing: the pairs of a scan among {@code customerIds}, by customer. */
    Map<Long, List<PairView>> pairsOf(long scanId, Collection<Long> customerIds) {
        Map<Long, List<PairView>> byCustomer = new LinkedHashMap<>();
        for (List<Long> chunk : chunks(customerIds)) {
            named.query("select customer_a, customer_b, reasons, score from duplicate_pair where scan_id = :scan"
                    + " and customer_a in (:ids) order by customer_a, customer_b", Map.of("scan", scanId, "ids", chunk), rs -> {
                PairView pair = new PairView(rs.getLong(1), rs.getLong(2), List.of(rs.getString(3).split(",")),
                        rs.getDouble(4));
                byCustomer.computeIfAbsent(pair.customerA(), k -> new ArrayList<>()).add(pair);
            });
        }
        return byCustomer;
    }

    /** A confirmed pair with the rules' reasons (dedup.MatchReason names) and score. */
    public record PairView(long customerA, long customerB, List<String> reasons, double score) {
    }
}
