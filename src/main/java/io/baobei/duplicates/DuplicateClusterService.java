package io.baobei.duplicates;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.Choices;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.PageResponse;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/** The clusters of the latest finished scan, and their merge through the ownership core (admins). */
@Service
public class DuplicateClusterService {

    /** members listed per cluster: a larger cluster is chained by weak pairs and is merged in parts (customerIds) */
    static final int MEMBERS_SHOWN = 50;
    /** customers one merge request may name */
    static final int MAX_MERGE = 200;

    enum ClusterState { OPEN, MERGED }

    public record MemberView(long id, String companyName, String status, String statusLabel, String owner,
                             String ownerName, Instant createdAt, Long mergedIntoId) {
    }

    public record ClusterView(long id, long scanId, String state, int memberCount, Long survivorId, String mergedBy,
                              Instant mergedAt, List<MemberView> members, List<DuplicateScanService.PairView> pairs) {
    }

    public record MergeView(long clusterId, String state, Long survivorId, List<Long> mergedIds) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DuplicateScanService scans;
    private final OwnershipService ownership;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final Notifications notifications;
    private final Clock clock;

    DuplicateClusterService(JdbcTemplate jdbc, DuplicateScanService scans, OwnershipService ownership,
                            UserDirectory directory, AuditLog auditLog, Notifications notifications, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.scans = scans;
        this.ownership = ownership;
        this.directory = directory;
        this.auditLog = auditLog;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The clusters of the latest finished scan in {@code state} (OPEN by default), the largest first. */
    @Transactional(readOnly = true)
    public PageResponse<ClusterView> list(String state, int page, int size) {
        ClusterState wanted = parseState(state);
        int pageSize = Math.min(Math.max(size, 1), 100);
        int pageNumber = Math.max(page, 0);
        Long scanId = scans.latestDone();
        if (scanId == null) {
            return new PageResponse<>(List.of(), pageNumber, pageSize, 0, 0);
        }
        long total = jdbc.queryForObject("select count(*) from duplicate_cluster where scan_id = ? and state = ?",
                Long.class, scanId, wanted.name());
        List<ClusterView> clusters = jdbc.query("select id, member_count, state, survivor_id, merged_by, merged_at"
                        + " from duplicate_cluster where scan_id = ? and state = ? order by member_count desc, id"
                        + " limit ? offset ?",
                (rs, n) -> new ClusterView(rs.getLong(1), scanId, rs.getString(3), rs.getInt(2),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), instant(rs.getTimestamp(6)),
                        new ArrayList<>(), new ArrayList<>()),
                scanId, wanted.name(), pageSize, (long) pageNumber * pageSize);
        if (!clusters.isEmpty()) {
            fill(scanId, clusters);
        }
        return new PageResponse<>(clusters, pageNumber, pageSize, total, (int) ((total + pageSize - 1) / pageSize));
    }

    private void fill(long scanId, List<ClusterView> clusters) {
        Map<Long, ClusterView> byId = new LinkedHashMap<>();
        clusters.forEach(c -> byId.put(c.id(), c));
        Map<Long, ClusterView> byMember = new LinkedHashMap<>();
        Set<String> owners = new LinkedHashSet<>();
        List<Object[]> rows = named.query("select m.cluster_id, c.id, c.company_name, c.status, c.owner, c.created_at,"
                        + " c.merged_into_id from duplicate_cluster_member m join customer c on c.id = m.customer_id"
                        + " where m.cluster_id in (:clusters) order by m.cluster_id, c.id",
                Map.of("clusters", byId.keySet()), (rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)),
                        rs.getObject(7, Long.class)});
        rows.forEach(row -> {
            if (row[4] != null) {
                owners.add((String) row[4]);
            }
        });
        Map<String, String> names = directory.names(owners);
        for (Object[] row : rows) {
            ClusterView cluster = byId.get((Long) row[0]);
            long customerId = (Long) row[1];
            byMember.put(customerId, cluster);
            if (cluster.members().size() < MEMBERS_SHOWN) {
                CustomerStatus status = CustomerStatus.valueOf((String) row[3]);
                String owner = (String) row[4];
                cluster.members().add(new MemberView(customerId, (String) row[2], status.name(), status.label(), owner,
                        owner == null ? null : names.getOrDefault(owner, owner), (Instant) row[5], (Long) row[6]));
            }
        }
        scans.pairsOf(scanId, byMember.keySet()).forEach((customerId, pairs) -> {
            ClusterView cluster = byMember.get(customerId);
            for (DuplicateScanService.PairView pair : pairs) {
                if (cluster.pairs().size() < MEMBERS_SHOWN * 2) {
                    cluster.pairs().add(pair);
                }
            }
        });
    }

    /** What an admin asks for: {@code survivorId} null = the rule's choice, {@code customerIds} null = all members. */
    public record MergeRequest(Long survivorId, List<Long> customerIds, boolean acrossOwners, String note) {
    }

    /**
     * Merges a cluster's customers (all of them, or those named) into one, through the ownership core. The cluster
     * row is locked first, so two merges of one cluster run one after the other; the second finds it merged.
     */
    @Transactional
    public MergeView merge(long clusterId, MergeRequest request, Actor admin) {
        List<Object[]> found = jdbc.query("select state, scan_id from duplicate_cluster where id = ? for update",
                (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}, clusterId);
        if (found.isEmpty()) {
            throw new NotFoundException("重复组", clusterId);
        }
        if (ClusterState.valueOf((String) found.get(0)[0]) == ClusterState.MERGED) {
            throw new BusinessRuleException("重复组 " + clusterId + " 已合并");
        }
        List<Long> members = jdbc.queryForList("select customer_id from duplicate_cluster_member where cluster_id = ?"
                + " order by customer_id", Long.class, clusterId);
        Collection<Long> chosen = request.customerIds() == null ? members : request.customerIds();
        if (!members.containsAll(chosen)) {
            throw new InvalidInputException(List.of(new FieldError("customerIds", "只能合并本重复组中的客户")));
        }
        if (chosen.size() > MAX_MERGE) {
            throw new InvalidInputException(List.of(new FieldError("customerIds",
                    "一次最多合并 " + MAX_MERGE + " 个客户，请用 customerIds 分批选择")));
        }
        OwnershipService.Merge merge = ownership.merge(request.survivorId(), chosen, request.acrossOwners(),
                request.note(), admin.username());
        // the cluster is done when no member but the survivor is left open
        long open = named.queryForObject("select count(*) from customer where id in (:ids) and status <> 'MERGED'",
                Map.of("ids", members), Long.class);
        ClusterState state = open <= 1 ? ClusterState.MERGED : ClusterState.OPEN;
        Instant now = Instant.now(clock);
        jdbc.update("update duplicate_cluster set state = ?, survivor_id = ?, merged_by = ?, merged_at = ? where id = ?",
                state.name(), merge.survivorId(), admin.username(), Timestamp.from(now), clusterId);
        auditLog.recordAs(admin.username(), "DUPLICATES_MERGED", "DUPLICATE_CLUSTER", clusterId,
                cut("members=" + members), cut("survivor=" + merge.survivorId() + ";acrossOwners="
                        + request.acrossOwners() + ";merged=" + merge.mergedIds()), request.note());
        notifyOwners(merge, request.note(), admin);
        return new MergeView(clusterId, state.name(), merge.survivorId(), merge.mergedIds());
    }

    /**
     * The reps whose customer list changed hear of it: each who held a merged customer (it is gone from their list),
     * and the survivor's owner, who finds the others' follow-ups in theirs. Not the admin who merged.
     */
    private void notifyOwners(OwnershipService.Merge merge, String note, Actor admin) {
        String by = directory.nameAndLogin(admin.username());
        String why = note == null || note.isBlank() ? "" : "说明：" + note.strip();
        String survivorOwner = merge.survivorOwner() == null ? "公海" : directory.nameAndLogin(merge.survivorOwner());
        for (OwnershipService.Merged merged : merge.merged()) {
            // (a rep who held both learns it from the survivor's notice)
            if (merged.formerOwner() != null && !merged.formerOwner().equals(admin.username())
                    && !merged.formerOwner().equals(merge.survivorOwner())) {
                notifications.notify(NotificationEvent.of(NotificationKind.CUSTOMER_MERGED, "merged:" + merged.id(),
                        merged.formerOwner(), "CUSTOMER", merged.id(), null, Map.of("customer",
                                merged.companyName(), "survivor", merge.survivorName(), "survivorOwner", survivorOwner,
                                "by", by, "note", why)));
            }
        }
        if (merge.survivorOwner() != null && !merge.survivorOwner().equals(admin.username())) {
            String names = merge.merged().stream().map(m -> "“" + m.companyName() + "”")
                    .collect(java.util.stream.Collectors.joining("、"));
            notifications.notify(NotificationEvent.of(NotificationKind.DUPLICATES_MERGED_INTO,
                    "merged-into:" + merge.survivorId() + ":" + merge.mergedIds().get(0), merge.survivorOwner(),
                    "CUSTOMER", merge.survivorId(), null, Map.of("customer", merge.survivorName(), "merged", names,
                            "by", by, "note", why)));
        }
    }

    /** The audit's columns hold 2,000 characters; each merged customer's own entry names it in full. */
    private static String cut(String text) {
        return text.length() <= 1990 ? text : text.substring(0, 1985) + "…]";
    }

    private static ClusterState parseState(String state) {
        if (state == null || state.isBlank()) {
            return ClusterState.OPEN;
        }
        ClusterState parsed = Choices.parse(ClusterState.class, state);
        if (parsed == null) {
            throw new InvalidInputException(List.of(new FieldError("state", "状态只能是 OPEN（待处理）或 MERGED（已合并）")));
        }
        return parsed;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
