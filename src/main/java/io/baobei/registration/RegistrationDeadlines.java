package io.baobei.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.engine.TaskCandidates;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * The time rules of a registration, from RegistrationPolicy.dmn: 报备时效 (how long after the first contact it was
 * submitted, and whether that is late) and the escalation of a review that waited too long to the directors
 * ({@link Groups#SALES_DIRECTORS}). Kept beside {@link RegistrationService}, whose review rule lets a director
 * decide once the review was escalated.
 */
@Service
@Transactional
public class RegistrationDeadlines {

    static final String REVIEW_TASK = "Task_ReviewRegistration";

    private final RegistrationService registrations;
    private final RegistrationPolicy policy;
    private final UserDirectory directory;
    private final Notifications notifications;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TaskService taskService;

    public RegistrationDeadlines(RegistrationService registrations, RegistrationPolicy policy, UserDirectory directory,
                                 Notifications notifications, AuditLog auditLog, Clock clock,
                                 @Lazy TaskService taskService) {
        this.registrations = registrations;
        this.policy = policy;
        this.directory = directory;
        this.notifications = notifications;
        this.auditLog = auditLog;
        this.clock = clock;
        this.taskService = taskService;
    }

    /** 报备时效 of one registration: hours after the end of the first-contact day, and the policy's limit. */
    public record Timeliness(boolean late, int hoursAfterFirstContact, int limitHours) {
    }

    /**
     * The measure: from the end of the first-contact day (midnight after it, in the business time zone, Asia/Shanghai
     * by default) to the moment the registration was first submitted, in whole hours (rounded down, 0 when submitted on
     * the day itself). Late when more than {@code limitHours} passed: with 24 h a registration submitted on the day of
     * the first contact or the next day is on time; one submitted 52 hours after that midnight is late by any count.
     * The first contact is only known as a date, so this is the measure that never calls a timely rep late.
     */
    static Timeliness timeliness(LocalDate firstContact, Instant submittedAt, int limitHours, ZoneId zone) {
        Instant endOfFirstContactDay = firstContact.plusDays(1).atStartOfDay(zone).toInstant();
        Duration after = Duration.between(endOfFirstContactDay, submittedAt);
        int hours = after.isNegative() ? 0 : (int) Math.min(Integer.MAX_VALUE, after.toHours());
        return new Timeliness(after.compareTo(Duration.ofHours(limitHours)) > 0, hours, limitHours);
    }

    /**
     * Task_ValidateRegistration, after the submission is saved: measures and stores 报备时效 (again at a revision,
     * which may correct the first-contact date; the moment is always the first submission), and returns the
     * policy's review escalation time as an ISO 8601 duration for the review task's due date and timer.
     */
    public String recordTimeliness(Long registrationId, String processInstanceId) {
        Registration registration = registrations.inProcess(registrationId, processInstanceId,
                RegistrationStatus.CHECKING);
        RegistrationPolicy.Terms terms = policy.terms(registration.getGrade());
        Timeliness timeliness = timeliness(registration.getFirstContactDate(), registration.getCreatedAt(),
                terms.reportingHours(), clock.getZone());
        registration.recordTimeliness(timeliness.late(), timeliness.hoursAfterFirstContact(), timeliness.limitHours());
        return terms.reviewEscalation().toString();
    }

    /**
     * How long an appeal (申诉) of this registration may wait for its decision before the directors join in
     * (RegistrationPolicy.dmn {@code appealEscalation}, default PT48H), as an ISO 8601 duration for the decision
     * task's due date and its timer.
     */
    // not readOnly: evaluating the DMN writes decision history, which a read-only PostgreSQL transaction refuses
    public String appealEscalation(Long registrationId) {
        return policy.terms(registrations.load(registrationId).getGrade()).appealEscalation().toString();
    }

    /** For the reviewer's task: "报备时效：逾期（首次接触日结束后 52 小时提交，超过 24 小时时限）". */
    @Transactional(readOnly = true)
    public String timelinessNotice(Long registrationId) {
        Registration registration = registrations.load(registrationId);
        if (registration.getLate() == null) {
            return "报备时效：未测量（本版本之前提交）";
        }
        int hours = registration.getLateHours();
        int limit = registration.getReportingLimitHours();
        if (registration.getLate()) {
            return "报备时效：逾期（首次接触日结束后 " + hours + " 小时提交，超过 " + limit + " 小时时限）";
        }
        return hours == 0 ? "报备时效：按时（首次接触当天提交，时限为首次接触日结束后 " + limit + " 小时）"
                : "报备时效：按时（首次接触日结束后 " + hours + " 小时提交，时限 " + limit + " 小时）";
    }

    /**
     * When the review task {@code reviewTaskId} is created: a late registration goes to the directors at once when
     * RegistrationPolicy.dmn says so ({@code lateToDirectors}); then it is escalated as if its review had waited too
     * long, and the caller adds the directors as candidates. False otherwise (the usual case: the managers review it).
     */
    public boolean routeLateToDirectors(Long registrationId, String processInstanceId, String reviewTaskId) {
        Registration registration = registrations.inProcess(registrationId, processInstanceId,
                RegistrationStatus.IN_REVIEW);
        if (!Boolean.TRUE.equals(registration.getLate()) || !policy.terms(registration.getGrade()).lateToDirectors()) {
            return false;
        }
        registration.markReviewEscalated(Instant.now(clock));
        auditLog.recordAs(AuditLog.SYSTEM, "REVIEW_ESCALATED", "REGISTRATION", registrationId, "status=IN_REVIEW",
                "status=IN_REVIEW;candidates+=" + Groups.SALES_DIRECTORS, "逾期报备，按策略直接交销售总监审核");
        notifyDirectors(registration, reviewTaskId);
        return true;
    }

    /**
     * Task_EscalateReview (BoundaryEvent_ReviewOverdue, non-interrupting): the open review gets the directors as a
     * further candidate group (the team's managers keep it), is marked escalated so a director may decide it, and the
     * directors are told. A retried job changes nothing twice.
     */
    public void escalateReview(Long registrationId, String processInstanceId) {
        Registration registration = registrations.inProcess(registrationId, processInstanceId,
                RegistrationStatus.IN_REVIEW);
        Task review = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(REVIEW_TASK).singleResult();
        if (review == null) {
            return; // decided meanwhile: nothing waits any more
        }
        TaskCandidates.addGroupOnce(taskService, review.getId(), Groups.SALES_DIRECTORS);
        Instant now = Instant.now(clock);
        registration.markReviewEscalated(now);
        auditLog.recordAs(AuditLog.SYSTEM, "REVIEW_ESCALATED", "REGISTRATION", registrationId, "status=IN_REVIEW",
                "status=IN_REVIEW;candidates+=" + Groups.SALES_DIRECTORS, "审核超时，升级至销售总监");
        notifyDirectors(registration, review.getId());
    }

    private void notifyDirectors(Registration registration, String reviewTaskId) {
        List<String> directors = directory.membersOf(Groups.SALES_DIRECTORS);
        if (!directors.isEmpty()) {
            // one escalation per review task: its id keys the event, so a retried job notifies once
            notifications.notify(NotificationEvent.of(NotificationKind.REVIEW_ESCALATED,
                    "review-escalated:" + reviewTaskId, directors, "REGISTRATION", registration.getId(), reviewTaskId,
                    Map.of("customer", registration.getCompanyName())));
        }
    }
}
