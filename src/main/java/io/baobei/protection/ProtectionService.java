package io.baobei.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.customer.Customer;
import io.baobei.customer.OwnershipService;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.TextRules;

import static io.baobei.protection.ProtectionVariables.*;

/** Protection periods: granting one on approval, follow-ups that keep it alive, and deals won. */
@Service
@Transactional
public class ProtectionService {

    static final int MAX_CONTENT = 2000;
    /** a planned contact further out than this is not a plan */
    static final int MAX_NEXT_CONTACT_DAYS = 180;

    private final OwnershipService ownership;
    private final FollowUpRepository followUps;
    private final ProtectionPolicy policy;
    private final AuditLog auditLog;
    private final Clock clock;

    public ProtectionService(OwnershipService ownership, FollowUpRepository followUps,
                             ProtectionPolicy policy, AuditLog auditLog, Clock clock) {
        this.ownership = ownership;
        this.followUps = followUps;
        this.policy = policy;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** A follow-up as the owner submits it, checked. */
    public record FollowUpInput(FollowUpAction action, FollowUpChannel channel, String content,
                                LocalDate nextContactDate) {
    }

    /** Validates the follow-up form; throws with every refused field. */
    public FollowUpInput validateFollowUp(Map<String, Object> variables) {
        List<FieldError> errors = new ArrayList<>();
        FollowUpAction action = parse(FollowUpAction.class, variables.get(FOLLOW_UP_ACTION), FOLLOW_UP_ACTION,
                "请选择：记录跟进 或 已成交", errors);
        // a release is no contact: no channel, no next date; its content is the reason
        FollowUpChannel channel = action == FollowUpAction.RELEASE ? null
                : parse(FollowUpChannel.class, variables.get(CHANNEL), CHANNEL, "请选择跟进方式", errors);
        String content = variables.get(CONTENT) == null ? "" : variables.get(CONTENT).toString().strip();
        if (content.isEmpty()) {
            errors.add(new FieldError(CONTENT, "请填写跟进内容"));
        } else if (content.length() > MAX_CONTENT) {
            errors.add(new FieldError(CONTENT, "跟进内容不能超过 " + MAX_CONTENT + " 个字符"));
        } else if (TextRules.hasControlCharacters(content)) {
            errors.add(new FieldError(CONTENT, "跟进内容包含不可见的控制字符"));
        }
        LocalDate next = null;
        Object rawNext = action == FollowUpAction.RELEASE ? null : variables.get(NEXT_CONTACT_DATE);
        if (rawNext != null && !rawNext.toString().isBlank()) {
            try {
                next = TextRules.parseDay(rawNext.toString());
                LocalDate today = LocalDate.now(clock);
                if (next.isBefore(today)) {
                    errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期不能早于今天"));
                } else if (next.isAfter(today.plusDays(MAX_NEXT_CONTACT_DAYS))) {
                    errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期不能晚于 " + MAX_NEXT_CONTACT_DAYS + " 天后"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期格式不正确，应为 YYYY-MM-DD"));
            }
        } else if (action == FollowUpAction.RECORD) {
            errors.add(new FieldError(NEXT_CONTACT_DATE, "请填写下次计划联系日期"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new FollowUpInput(action, channel, content, next);
    }

    /**
     * Records a follow-up by the owner and moves the follow-up deadline by the policy's interval.
     * Returns the process variables of the new deadline.
     */
    public Map<String, Object> recordFollowUp(Long customerId, String processInstanceId, FollowUpInput input) {
        Customer customer = protectedIn(customerId, processInstanceId);
        String author = customer.getOwner();
        Instant now = Instant.now(clock);
        followUps.save(new FollowUp(customerId, author, input.channel(), input.content(), input.nextContactDate(), now));
        int interval = policy.terms(customer.getGrade(), ownership.currentSource(customerId)).followUpIntervalDays();
        Instant before = customer.getNextFollowUpDue();
        customer.moveFollowUpDue(now.plus(Duration.ofDays(interval)), now);
        auditLog.recordAs(author, "FOLLOW_UP_RECORDED", "CUSTOMER", customerId, "nextFollowUpDue=" + before,
                "nextFollowUpDue=" + customer.getNextFollowUpDue() + ";channel=" + input.channel(), null);
        return ProtectionProcessAdapter.deadlineVariables(customer, clock);
    }

    /** 成交: records the closing note; the ownership core ends protection as converted. */
    public void markConverted(Long customerId, String processInstanceId, FollowUpInput input) {
        Customer customer = protectedIn(customerId, processInstanceId);
        String author = customer.getOwner();
        followUps.save(new FollowUp(customerId, author, input.channel(), input.content(), input.nextContactDate(),
                Instant.now(clock)));
        ownership.convert(customerId, processInstanceId, "成交：" + abbreviate(input.content()), author);
    }

    /** 释放到公海, chosen in the follow-up task: the content is the reason. */
    public void release(Long customerId, String processInstanceId, FollowUpInput input) {
        Customer customer = protectedIn(customerId, processInstanceId);
        ownership.release(customerId, customer.getOwner(), abbreviate(input.content()), processInstanceId);
    }

    /**
     * The customer whose protection process instance {@code processInstanceId} is, locked, refused unless that
     * instance is its current protection and it is still protected: the steps of the follow-up loop act on no
     * other customer and on none that has left protection.
     */
    public Customer protectedIn(Long customerId, String processInstanceId) {
        Customer customer = ownership.lock(customerId);
        if (!customer.isProtectedBy(processInstanceId)) {
            throw new BusinessRuleException("客户 " + customerId + " 不在该保护期流程中，不能记录跟进");
        }
        return customer;
    }

    @Transactional(readOnly = true)
    public List<FollowUp> followUpsOf(Long customerId) {
        return followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Object value, String field, String message,
                                              List<FieldError> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(new FieldError(field, message));
            return null;
        }
        try {
            return Enum.valueOf(type, value.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, message));
            return null;
        }
    }
}
