package io.baobei.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipHistory;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.Verdict;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationService;
import io.baobei.registration.RegistrationStatus;
import io.baobei.registration.ReviewDecision;

import static io.baobei.protection.ProtectionVariables.*;

/** Protection periods: granting one on approval, follow-ups that keep it alive, and deals won. */
@Service
@Transactional
public class ProtectionService {

    static final int MAX_CONTENT = 2000;
    /** a planned contact further out than this is not a plan */
    static final int MAX_NEXT_CONTACT_DAYS = 180;
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CustomerRepository customers;
    private final RegistrationService registrations;
    private final FollowUpRepository followUps;
    private final OwnershipHistory history;
    private final ProtectionPolicy policy;
    private final RuntimeService runtimeService;
    private final DuplicateCheck duplicateCheck;
    private final AuditLog auditLog;
    private final Clock clock;

    public ProtectionService(CustomerRepository customers, RegistrationService registrations,
                             FollowUpRepository followUps, OwnershipHistory history, ProtectionPolicy policy,
                             RuntimeService runtimeService, DuplicateCheck duplicateCheck, AuditLog auditLog,
                             Clock clock) {
        this.customers = customers;
        this.registrations = registrations;
        this.followUps = followUps;
        this.history = history;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.duplicateCheck = duplicateCheck;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public record Grant(GrantOutcome outcome, Long customerId) {
    }

    /**
     * Makes the submitter of an approved registration the owner of its customer. The customer rows that
     * share a strong key are locked first and re-checked, and the unique keys of the customer table
     * stop two concurrent inserts of one new customer: of two approvals racing for the same customer,
     * exactly one wins and the other ends as CONFLICT (after its job retries, if it lost on insert).
     */
    public Grant grant(Long registrationId, String processInstanceId) {
        // only the registration of this process instance, and only once its review approved it
        Registration registration = registrations.inProcess(registrationId, processInstanceId,
                RegistrationStatus.IN_REVIEW);
        if (registration.getDecision() != ReviewDecision.APPROVE) {
            throw new BusinessRuleException("报备 " + registrationId + " 未经审核批准，不能授予保护期");
        }
        Instant now = Instant.now(clock);
        String submitter = registration.getSubmitter();
        List<Customer> existing = customers.lockByStrongKeys(registration.getNormalizedName(),
                registration.getCreditCode(), registration.getPhone(), registration.getEmail());
        // the same rules as the duplicate check (similar spellings too), on the state of this transaction
        Verdict recheck = duplicateCheck.check(new DuplicateCandidate(registration.getCompanyName(),
                registration.getCreditCode(), registration.getPhone(), registration.getEmail(), submitter)).verdict();
        if (recheck == Verdict.CONFLICT || existing.stream().anyMatch(c -> c.isOwnedByOtherThan(submitter))) {
            registration.markConflict(now);
            auditLog.recordAs(AuditLog.SYSTEM, "REGISTRATION_CONFLICT", "REGISTRATION", registrationId,
                    "status=IN_REVIEW", "status=CONFLICT", "审核通过后发现同事已持有该客户");
            return new Grant(GrantOutcome.CONFLICT, null);
        }
        Optional<Customer> own = existing.stream()
                .filter(c -> c.getStatus() != CustomerStatus.POOL).findFirst();
        if (own.isPresent()) {
            // the rep already holds it: link the registration, keep the running protection
            registration.markApproved(own.get().getId(), now);
            return new Grant(GrantOutcome.GRANTED, own.get().getId());
        }
        Customer customer = existing.isEmpty()
                ? new Customer(registration.getCompanyName(), registration.getGrade(), now)
                : existing.get(0);
        String previousOwner = customer.getOwner();
        CustomerStatus previousStatus = existing.isEmpty() ? null : customer.getStatus();
        customer.updateDetails(registration.getCompanyName(), registration.getCreditCode(), registration.getContactName(), registration.getPhone(),
                registration.getEmail(), registration.getIndustry().name(), registration.getRegion(),
                registration.getGrade());
        ProtectionPolicy.Terms terms = policy.forGrade(registration.getGrade());
        Instant until = now.plus(Duration.ofDays(terms.protectionDays()));
        Instant due = now.plus(Duration.ofDays(terms.followUpIntervalDays()));
        customer.protectFor(submitter, registration.getTeamId(), now, until, due);
        customer = customers.saveAndFlush(customer);
        history.record(customer, OwnershipAction.PROTECTION_GRANTED, previousOwner, previousStatus,
                "报备 #" + registrationId + " 审核通过（" + registration.getDecidedBy() + "）", 
                registration.getDecidedBy() == null ? submitter : registration.getDecidedBy(), registrationId);
        startProtection(customer);
        registration.markApproved(customer.getId(), now);
        auditLog.recordAs(AuditLog.SYSTEM, "REGISTRATION_APPROVED", "REGISTRATION", registrationId, "status=IN_REVIEW",
                "status=APPROVED;customer=" + customer.getId(), null);
        return new Grant(GrantOutcome.GRANTED, customer.getId());
    }

    /** Protects an imported customer for {@code owner} under the same policy as an approved registration. */
    public void protectImported(Customer customer, String owner, String ownerTeam, String actor) {
        Instant now = Instant.now(clock);
        ProtectionPolicy.Terms terms = policy.forGrade(customer.getGrade());
        customer.protectFor(owner, ownerTeam, now, now.plus(Duration.ofDays(terms.protectionDays())),
                now.plus(Duration.ofDays(terms.followUpIntervalDays())));
        customers.saveAndFlush(customer);
        history.record(customer, OwnershipAction.IMPORTED, null, null, "导入，归属 " + owner, actor, null);
        startProtection(customer);
    }

    /** Starts the customer's CustomerProtectionProcess (business key = customer id). */
    public void startProtection(Customer customer) {
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(customer.getId().toString())
                .setVariables(deadlineVariables(customer))
                .setVariable(CUSTOMER_ID, customer.getId())
                .setVariable(COMPANY_NAME, customer.getCompanyName())
                .setVariable(OWNER, customer.getOwner())
                .execute();
        customer.setProtectionProcessInstanceId(instance.getId());
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
        FollowUpChannel channel = parse(FollowUpChannel.class, variables.get(CHANNEL), CHANNEL,
                "请选择跟进方式", errors);
        String content = variables.get(CONTENT) == null ? "" : variables.get(CONTENT).toString().strip();
        if (content.isEmpty()) {
            errors.add(new FieldError(CONTENT, "请填写跟进内容"));
        } else if (content.length() > MAX_CONTENT) {
            errors.add(new FieldError(CONTENT, "跟进内容不能超过 " + MAX_CONTENT + " 个字符"));
        } else if (TextRules.hasControlCharacters(content)) {
            errors.add(new FieldError(CONTENT, "跟进内容包含不可见的控制字符"));
        }
        LocalDate next = null;
        Object rawNext = variables.get(NEXT_CONTACT_DATE);
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
        int interval = policy.forGrade(customer.getGrade()).followUpIntervalDays();
        Instant before = customer.getNextFollowUpDue();
        customer.moveFollowUpDue(now.plus(Duration.ofDays(interval)), now);
        auditLog.recordAs(author, "FOLLOW_UP_RECORDED", "CUSTOMER", customerId, "nextFollowUpDue=" + before,
                "nextFollowUpDue=" + customer.getNextFollowUpDue() + ";channel=" + input.channel(), null);
        return deadlineVariables(customer);
    }

    /** 成交: records the closing note and ends protection as converted. */
    public void markConverted(Long customerId, String processInstanceId, FollowUpInput input) {
        Customer customer = protectedIn(customerId, processInstanceId);
        String author = customer.getOwner();
        Instant now = Instant.now(clock);
        followUps.save(new FollowUp(customerId, author, input.channel(), input.content(), input.nextContactDate(), now));
        CustomerStatus before = customer.getStatus();
        customer.markConverted(now);
        history.record(customer, OwnershipAction.CONVERTED, customer.getOwner(), before, "成交：" + abbreviate(input.content()),
                author == null ? OwnershipEvent.SYSTEM : author, null);
    }

    /**
     * The customer whose protection process instance {@code processInstanceId} is, locked, refused unless that
     * instance is its current protection and it is still protected: the steps of the follow-up loop act on no
     * other customer and on none that has left protection.
     */
    public Customer protectedIn(Long customerId, String processInstanceId) {
        Customer customer = customers.lockById(customerId).orElseThrow(() -> new NotFoundException("客户", customerId));
        if (!customer.isProtectedBy(processInstanceId)) {
            throw new BusinessRuleException("客户 " + customerId + " 不在该保护期流程中，不能记录跟进");
        }
        return customer;
    }

    @Transactional(readOnly = true)
    public List<FollowUp> followUpsOf(Long customerId) {
        return followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId);
    }

    private Map<String, Object> deadlineVariables(Customer customer) {
        return Map.of(PROTECTED_UNTIL, Date.from(customer.getProtectedUntil()),
                FOLLOW_UP_DUE, Date.from(customer.getNextFollowUpDue()),
                PROTECTED_UNTIL_TEXT, DISPLAY.withZone(clock.getZone()).format(customer.getProtectedUntil()),
                FOLLOW_UP_DUE_TEXT, DISPLAY.withZone(clock.getZone()).format(customer.getNextFollowUpDue()));
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
