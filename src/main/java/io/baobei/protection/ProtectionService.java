package io.baobei.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.Choices;
import io.baobei.common.DisplayTimes;
import io.baobei.customer.Customer;
import io.baobei.customer.Deal;
import io.baobei.customer.OwnershipService;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.TextRules;
import io.baobei.identity.UserDirectory;

import static io.baobei.protection.ProtectionVariables.*;

/** Protection periods: granting one on approval, follow-ups that keep it alive, and deals won. */
@Service
@Transactional
public class ProtectionService {

    static final int MAX_CONTENT = 2000;
    /** a planned contact further out than this is not a plan */
    static final int MAX_NEXT_CONTACT_DAYS = 180;
    /** earlier follow-ups shown in the follow-up task, and how much of each note (10 × 200 fits a string variable) */
    static final int EARLIER_SHOWN = 10;
    static final int EARLIER_NOTE_LENGTH = 200;

    private final OwnershipService ownership;
    private final FollowUpRepository followUps;
    private final ProtectionPolicy policy;
    private final DeadlineDates dates;
    private final AuditLog auditLog;
    private final UserDirectory directory;
    private final Clock clock;

    public ProtectionService(OwnershipService ownership, FollowUpRepository followUps,
                             ProtectionPolicy policy, DeadlineDates dates, AuditLog auditLog, UserDirectory directory,
                             Clock clock) {
        this.ownership = ownership;
        this.followUps = followUps;
        this.policy = policy;
        this.dates = dates;
        this.auditLog = auditLog;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * A follow-up as the owner submits it, checked; {@code deal} only with DEAL_WON, {@code extensionDays} and
     * {@code extensionReason} only with EXTEND.
     */
    public record FollowUpInput(FollowUpAction action, FollowUpChannel channel, String content,
                                LocalDate nextContactDate, Deal deal, Integer extensionDays, String extensionReason) {
    }

    /**
     * Validates the follow-up form against today's date; throws with every refused field. Called once, by
     * Task_CheckFollowUp in the form's transaction: the rules that depend on today (next contact not before today,
     * signing date not after today) must not be judged again by an asynchronous step that may run after midnight.
     * {@code protectionStart}: the day the customer's current protection began (a deal is not signed before it).
     */
    public FollowUpInput validateFollowUp(Map<String, Object> variables, LocalDate protectionStart) {
        return read(variables, LocalDate.now(clock), protectionStart);
    }

    /** Task_CheckFollowUp: the follow-up submitted in the task of this customer's current protection, validated. */
    public FollowUpInput checkFollowUp(Long customerId, String processInstanceId, Map<String, Object> variables) {
        Customer customer = protectedIn(customerId, processInstanceId);
        return validateFollowUp(variables, LocalDate.ofInstant(customer.getProtectedSince(), clock.getZone()));
    }

    /**
     * The follow-up that Task_CheckFollowUp accepted, read again by the asynchronous step that carries it out,
     * without the rules that depend on the day. Only the engine's own steps change these variables after the check,
     * so a refusal here is a defect, not an input error.
     */
    public FollowUpInput checkedFollowUp(Map<String, Object> variables) {
        try {
            return read(variables, null, null);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("follow-up changed after Task_CheckFollowUp: " + e.getMessage(), e);
        }
    }

    /** {@code today} null: the rules relative to the day are not applied. */
    private FollowUpInput read(Map<String, Object> variables, LocalDate today, LocalDate protectionStart) {
        List<FieldError> errors = new ArrayList<>();
        FollowUpAction action = parse(FollowUpAction.class, variables.get(FOLLOW_UP_ACTION), FOLLOW_UP_ACTION,
                "请选择跟进结果：记录跟进、已成交、释放到公海 或 申请延期", errors);
        if (action == FollowUpAction.EXTEND) {
            return readExtension(variables);
        }
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
        Object rawNext = action == FollowUpAction.RECORD ? variables.get(NEXT_CONTACT_DATE) : null;
        if (rawNext != null && !rawNext.toString().isBlank()) {
            try {
                next = TextRules.parseDay(rawNext.toString());
                if (today != null && next.isBefore(today)) {
                    errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期不能早于今天"));
                } else if (today != null && next.isAfter(today.plusDays(MAX_NEXT_CONTACT_DAYS))) {
                    errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期不能晚于 " + MAX_NEXT_CONTACT_DAYS + " 天后"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(NEXT_CONTACT_DATE, "下次联系日期格式不正确，应为 YYYY-MM-DD"));
            }
        } else if (action == FollowUpAction.RECORD) {
            errors.add(new FieldError(NEXT_CONTACT_DATE, "请填写下次计划联系日期"));
        }
        Deal deal = null;
        if (action == FollowUpAction.DEAL_WON) {
            // the day rules are the ones a later day cannot break (signed not after today stays true), so the
            // asynchronous step may hold the deal to them with its own day
            deal = Deal.check(variables.get(DEAL_AMOUNT), variables.get(DEAL_SIGNED_ON),
                    today == null ? LocalDate.now(clock) : today, protectionStart, errors);
            if (!confirmed(variables.get(DEAL_CONFIRMED))) {
                errors.add(new FieldError(DEAL_CONFIRMED, "请勾选“确认已与客户签约”"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new FollowUpInput(action, channel, content, next, deal, null, null);
    }

    /** 申请延期 is no contact: days and reason only (the extension feature holds them to its policy). */
    private static FollowUpInput readExtension(Map<String, Object> variables) {
        ExtensionInput extension = ExtensionInput.read(variables.get(EXTENSION_DAYS), variables.get(EXTENSION_REASON),
                EXTENSION_DAYS, EXTENSION_REASON);
        return new FollowUpInput(FollowUpAction.EXTEND, null, null, null, null, extension.days(), extension.reason());
    }

    private static boolean confirmed(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.strip().equalsIgnoreCase("true"));
    }

    /**
     * Records the follow-up accepted by Task_CheckFollowUp (its variables) and moves the follow-up deadline by the
     * policy's interval. The customer is checked first: a step of another instance changes nothing.
     * Returns the process variables of the new deadline.
     */
    public Map<String, Object> recordFollowUp(Long customerId, String processInstanceId, Map<String, Object> variables) {
        Customer customer = protectedIn(customerId, processInstanceId);
        FollowUpInput input = checkedFollowUp(variables);
        String author = customer.getOwner();
        Instant now = Instant.now(clock);
        followUps.save(new FollowUp(customerId, author, input.channel(), input.content(), input.nextContactDate(), now));
        int interval = policy.terms(customer.getGrade(), ownership.currentSource(customerId)).followUpIntervalDays();
        Instant before = customer.getNextFollowUpDue();
        customer.moveFollowUpDue(now.plus(Duration.ofDays(interval)), now);
        auditLog.recordAs(author, "FOLLOW_UP_RECORDED", "CUSTOMER", customerId, "nextFollowUpDue=" + before,
                "nextFollowUpDue=" + customer.getNextFollowUpDue() + ";channel=" + input.channel(), null);
        return dates.variables(customer);
    }

    /** 成交: records the closing note; the ownership core ends protection as converted. */
    public void markConverted(Long customerId, String processInstanceId, Map<String, Object> variables) {
        Customer customer = protectedIn(customerId, processInstanceId);
        FollowUpInput input = checkedFollowUp(variables);
        String author = customer.getOwner();
        followUps.save(new FollowUp(customerId, author, input.channel(), input.content(), input.nextContactDate(),
                Instant.now(clock)));
        ownership.convert(customerId, processInstanceId, input.deal(), "已确认与客户签约；" + abbreviate(input.content()),
                author);
    }

    /** 释放到公海, chosen in the follow-up task: the content is the reason. */
    public void release(Long customerId, String processInstanceId, Map<String, Object> variables) {
        Customer customer = protectedIn(customerId, processInstanceId);
        FollowUpInput input = checkedFollowUp(variables);
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

    /**
     * The customer's earlier follow-ups for the follow-up task, most recent first, the last {@value #EARLIER_SHOWN}:
     * when, how, who (by name) and the note, cut to {@value #EARLIER_NOTE_LENGTH} characters so that the text fits
     * one string variable; the whole record is in GET /api/customers/{id}/follow-ups.
     */
    @Transactional(readOnly = true)
    public String earlierFollowUpsText(Long customerId) {
        List<FollowUp> latest = followUps.findFirst10ByCustomerIdOrderByCreatedAtDescIdDesc(customerId);
        if (latest.isEmpty()) {
            return "暂无跟进记录";
        }
        Map<String, String> names = new HashMap<>();
        StringBuilder text = new StringBuilder();
        long total = followUps.countByCustomerId(customerId);
        if (total > latest.size()) {
            text.append("共 ").append(total).append(" 条，以下为最近 ").append(latest.size()).append(" 条\n\n");
        }
        for (FollowUp followUp : latest) {
            text.append(DisplayTimes.minute(followUp.getCreatedAt(), clock))
                    .append(" · ").append(followUp.getChannel() == null ? "—" : followUp.getChannel().label())
                    .append(" · ").append(names.computeIfAbsent(followUp.getAuthor(), directory::name));
            if (followUp.getNextContactDate() != null) {
                text.append(" · 计划下次联系 ").append(followUp.getNextContactDate());
            }
            text.append('\n').append(cut(followUp.getContent(), EARLIER_NOTE_LENGTH)).append("\n\n");
        }
        return text.toString().strip();
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max)) + "…";
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
        E choice = Choices.parse(type, value.toString());
        if (choice == null) {
            errors.add(new FieldError(field, message));
        }
        return choice;
    }
}
