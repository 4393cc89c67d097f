package io.baobei.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.dedup.Verdict;

/**
 * What an appeal (申诉, io.baobei.appeal) does to a registration: which registrations may be appealed and against which
 * customer, and the registration's status while the appeal is open (APPEALING) and after its decision. Every change is
 * checked against the registration's own process instance and state, like every other step of the registration.
 */
@Service
@Transactional
public class RegistrationAppeals {

    /** Where an appeal comes from. */
    public enum Source {
        /** 撞单处理: the duplicate check (or the grant) found a colleague holding the customer */
        CONFLICT,
        /** 报备未通过: the reviewer rejected it as a duplicate of a SUSPECT match */
        DUPLICATE_REJECTION
    }

    /** The registration side of an appeal: what the appeal needs to know, nothing of the contact data. */
    public record Target(Long registrationId, String processInstanceId, String submitter, String teamId,
                         String companyName, Long customerId, Source source) {
    }

    /** The registration as the decider sees it: no contact data (the other side's deciders may not see it). */
    public record View(Long registrationId, String companyName, String creditCode, String industry, String region,
                       String grade, LocalDate firstContactDate, Instant submittedAt, String notes, Verdict verdict,
                       String decisionReason) {
    }

    private final RegistrationService service;
    private final RegistrationMatchRepository matches;
    private final CustomerRepository customers;
    private final AuditLog auditLog;
    private final Clock clock;

    public RegistrationAppeals(RegistrationService service, RegistrationMatchRepository matches,
                               CustomerRepository customers, AuditLog auditLog, Clock clock) {
        this.service = service;
        this.matches = matches;
        this.customers = customers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** A rejection the submitter may appeal: rejected as a duplicate, and the check had only suspected a match. */
    public boolean isAppealableRejection(Registration registration) {
        return registration.getStatus() == RegistrationStatus.REJECTED
                && registration.getDecision() == ReviewDecision.REJECT && registration.isRejectedAsDuplicate()
                && registration.getVerdict() == Verdict.SUSPECT;
    }

    /**
     * The registration of {@code processInstanceId} as an appeal sees it, and the customer the appeal is about: for a
     * conflict the colleague's customer (as the conflict task names it), for a rejection as a duplicate the best match.
     * Refused (409) for anything else: other rejections are the manager's to explain, not to appeal.
     */
    @Transactional(readOnly = true)
    public Target target(Long registrationId, String processInstanceId) {
        Registration registration = service.inProcess(registrationId, processInstanceId, RegistrationStatus.CONFLICT,
                RegistrationStatus.REJECTED);
        Long customerId;
        Source source;
        if (registration.getStatus() == RegistrationStatus.CONFLICT) {
            source = Source.CONFLICT;
            customerId = heldByColleague(registration);
            if (customerId == null) {
                throw new BusinessRuleException("找不到与这份报备冲突的客户，无需申诉：请撤回后重新报备");
            }
        } else {
            source = Source.DUPLICATE_REJECTION;
            if (!isAppealableRejection(registration)) {
                throw new BusinessRuleException("只有以“与已有客户重复”为由驳回、且查重结论为疑似重复的报备可以申诉；"
                        + "其他原因的驳回请与您的主管沟通");
            }
            List<RegistrationMatch> found = matches.findByRegistrationIdOrderByScoreDesc(registrationId);
            if (found.isEmpty()) {
                throw new BusinessRuleException("这份报备没有查重匹配的客户，无法申诉");
            }
            customerId = found.get(0).getCustomerId();
        }
        return new Target(registrationId, processInstanceId, registration.getSubmitter(), registration.getTeamId(),
                registration.getCompanyName(), customerId, source);
    }

    private Long heldByColleague(Registration registration) {
        List<Long> ids = matches.findByRegistrationIdOrderByScoreDesc(registration.getId()).stream()
                .map(RegistrationMatch::getCustomerId).toList();
        List<Customer> held = customers.findAllById(ids).stream()
                .filter(c -> c.isOwnedByOtherThan(registration.getSubmitter()))
                .sorted(Comparator.comparingInt(c -> ids.indexOf(c.getId()))).toList();
        if (held.isEmpty()) {
            // a conflict found at the grant: the colleague's customer shares a strong key
            held = customers.findByStrongKeys(registration.getNormalizedName(), registration.getCreditCode(),
                    registration.getPhone(), registration.getEmail()).stream()
                    .filter(c -> c.isOwnedByOtherThan(registration.getSubmitter()))
                    .sorted(Comparator.comparing(Customer::getId)).toList();
        }
        return held.isEmpty() ? null : held.get(0).getId();
    }

    /** The appeal was filed: the registration is APPEALING until it is decided. */
    public void markAppealing(Long registrationId, String processInstanceId, Long appealId, String appellant) {
        Registration registration = service.inProcess(registrationId, processInstanceId, RegistrationStatus.CONFLICT,
                RegistrationStatus.REJECTED);
        RegistrationStatus before = registration.getStatus();
        registration.markAppealing(Instant.now(clock));
        auditLog.recordAs(appellant, "REGISTRATION_APPEALED", "REGISTRATION", registrationId, "status=" + before,
                "status=APPEALING;appeal=" + appealId, null);
    }

    /** DISMISS: the registration is closed as APPEAL_DISMISSED with the decider's reason. */
    public void dismissed(Long registrationId, String processInstanceId, Long appealId, String reason, String decider) {
        Registration registration = service.inProcess(registrationId, processInstanceId, RegistrationStatus.APPEALING);
        registration.markAppealDismissed(reason, Instant.now(clock));
        auditLog.recordAs(decider, "REGISTRATION_APPEAL_DISMISSED", "REGISTRATION", registrationId, "status=APPEALING",
                "status=APPEAL_DISMISSED;appeal=" + appealId, reason);
    }

    /** TRANSFER: the customer became the submitter's through the ownership core; the registration is APPROVED for it. */
    public void transferred(Long registrationId, String processInstanceId, Long appealId, Long customerId,
                            String decider) {
        Registration registration = service.inProcess(registrationId, processInstanceId, RegistrationStatus.APPEALING);
        registration.markApproved(customerId, Instant.now(clock));
        auditLog.recordAs(decider, "REGISTRATION_APPROVED", "REGISTRATION", registrationId, "status=APPEALING",
                "status=APPROVED;customer=" + customerId + ";appeal=" + appealId, "申诉成立，客户转给报备人");
    }

    /**
     * NOT_SAME: the customer is another company; its match is dropped and the registration goes to review again as a
     * new customer. Returns the verdict of the matches left (SUSPECT when others remain, else CLEAR).
     */
    public Verdict notSame(Long registrationId, String processInstanceId, Long appealId, Long customerId,
                           String decider) {
        Registration registration = service.inProcess(registrationId, processInstanceId, RegistrationStatus.APPEALING);
        matches.deleteByRegistrationIdAndCustomerId(registrationId, customerId);
        Verdict verdict = matches.findByRegistrationIdOrderByScoreDesc(registrationId).isEmpty() ? Verdict.CLEAR
                : Verdict.SUSPECT;
        registration.reopenForReview(verdict, Instant.now(clock));
        auditLog.recordAs(decider, "REGISTRATION_REOPENED", "REGISTRATION", registrationId, "status=APPEALING",
                "status=IN_REVIEW;verdict=" + verdict + ";appeal=" + appealId, "申诉成立：与客户 " + customerId + " 不是同一家公司");
        return verdict;
    }

    /** For the decider's task: the registration without contact data. */
    @Transactional(readOnly = true)
    public View view(Long registrationId) {
        Registration r = service.load(registrationId);
        return new View(r.getId(), r.getCompanyName(), r.getCreditCode(), r.getIndustry().label(), r.getRegion(),
                r.getGrade().name(), r.getFirstContactDate(), r.getCreatedAt(), r.getNotes(), r.getVerdict(),
                r.getDecisionReason());
    }

    /** The registration's normalised company name (as the duplicate check compares it). */
    @Transactional(readOnly = true)
    public String normalizedName(Long registrationId) {
        return service.load(registrationId).getNormalizedName();
    }

    /** The registration's credit code, or null. */
    @Transactional(readOnly = true)
    public String creditCode(Long registrationId) {
        return service.load(registrationId).getCreditCode();
    }
}
