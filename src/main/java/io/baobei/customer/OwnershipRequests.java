package io.baobei.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.BusinessRuleException;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * Who may ask the ownership core for what over the API: the owner releases; a manager transfers within the teams
 * they manage, an admin across teams; the owner, the team's managers and admins read the history. Out of scope
 * answers like "not there" (404); in scope without the right, 403.
 */
@Service
@Transactional
class OwnershipRequests {

    static final int MAX_REASON = 500;

    private final OwnershipService ownership;
    private final CustomerService customers;
    private final UserDirectory directory;
    private final Notifications notifications;
    private final ProtectionPort protection;
    private final AsSystem asSystem;

    OwnershipRequests(OwnershipService ownership, CustomerService customers, UserDirectory directory,
                      Notifications notifications, ProtectionPort protection, AsSystem asSystem) {
        this.ownership = ownership;
        this.customers = customers;
        this.directory = directory;
        this.notifications = notifications;
        this.protection = protection;
        this.asSystem = asSystem;
    }

    Customer release(Long customerId, Actor actor, String reason) {
        Customer customer = customers.findWithDetails(customerId, actor);
        if (!actor.username().equals(customer.getOwner())) {
            throw new AccessDeniedException("only the owner releases a customer");
        }
        return ownership.release(customerId, actor.username(), checked("reason", "释放原因", reason, true), null);
    }

    Customer transfer(Long customerId, Actor actor, String toOwner, String reason, boolean overrideQuota) {
        Customer customer = customers.findWithDetails(customerId, actor);
        if (actor.role() == Role.REP) {
            throw new AccessDeniedException("reps do not transfer customers");
        }
        if (!actor.isAdmin() && !actor.manages(customer.getOwnerTeam())) {
            throw new NotFoundException("客户", customerId);
        }
        String receiver = checked("toOwner", "接收人", toOwner, true);
        String why = checked("reason", "转移原因", reason, true);
        if (!directory.exists(receiver)) {
            throw InvalidInputException.of("toOwner", "接收人 " + receiver + " 不存在");
        }
        Actor to = directory.actor(receiver);
        if (!actor.isAdmin() && (to.team() == null || !actor.manages(to.team()))) {
            throw new BusinessRuleException("主管只能在自己管理的团队内转移客户；跨团队转移请联系管理员");
        }
        String from = customer.getOwner();
        Customer moved = ownership.transfer(customerId, receiver, why, overrideQuota, OwnershipSource.TRANSFER,
                actor.username());
        notifyReceiver(moved, from, why, actor.username());
        return moved;
    }

    /**
     * The receiver of a manager's transfer hears of it, linked to the follow-up task that is now theirs (if any: a won
     * deal has none). Keyed by the
     * transfer's history entry: the customer may come back to them in a later transfer, another occurrence.
     */
    private void notifyReceiver(Customer customer, String from, String reason, String by) {
        List<OwnershipEvent> history = ownership.historyOf(customer.getId());
        String task = customer.getProtectionProcessInstanceId() == null ? null : asSystem.call(() ->
                protection.openFollowUpTasks(List.of(customer.getProtectionProcessInstanceId())))
                .get(customer.getProtectionProcessInstanceId());
        notifications.notify(NotificationEvent.of(NotificationKind.CUSTOMER_TRANSFERRED,
                "transfer:" + customer.getId() + ":" + history.get(history.size() - 1).getId(), customer.getOwner(),
                "CUSTOMER", customer.getId(), task, Map.of("customer", customer.getCompanyName(),
                        "from", directory.nameAndLogin(from), "by", directory.nameAndLogin(by), "reason", reason)));
    }

    /** One entry of a customer's history: an ownership change, or a detail a registration carried differently. */
    record HistoryEntry(Instant at, String action, String actionLabel, String fromOwner, String toOwner,
                        CustomerStatus fromStatus, CustomerStatus toStatus, String reason, String actor,
                        Long registrationId, String proposedField, String proposedValue) {
    }

    @Transactional(readOnly = true)
    List<HistoryEntry> history(Long customerId, Actor actor) {
        customers.findWithDetails(customerId, actor);
        List<HistoryEntry> entries = new ArrayList<>();
        for (OwnershipEvent e : ownership.historyOf(customerId)) {
            entries.add(new HistoryEntry(e.getOccurredAt(), e.getAction().name(), e.getAction().label(),
                    e.getFromOwner(), e.getToOwner(), e.getFromStatus(), e.getToStatus(), e.getReason(), e.getActor(),
                    e.getRegistrationId(), null, null));
        }
        for (CustomerDetailChange c : ownership.detailChangesOf(customerId)) {
            entries.add(new HistoryEntry(c.getCreatedAt(), "DETAIL_PROPOSED", "档案变更待核对", null, null, null, null,
                    "报备填写的信息与档案不同，未覆盖档案", c.getProposedBy(), c.getRegistrationId(), c.getField(),
                    c.getProposedValue()));
        }
        entries.sort((a, b) -> a.at().compareTo(b.at()));
        return entries;
    }

    private static String checked(String field, String label, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw InvalidInputException.of(field, "请填写" + label);
            }
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!TextRules.check(field, label, value.strip(), MAX_REASON, errors)) {
            throw new InvalidInputException(errors);
        }
        return value.strip();
    }
}
