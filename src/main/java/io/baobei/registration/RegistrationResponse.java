package io.baobei.registration;

import java.time.Instant;
import java.time.LocalDate;

import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.dedup.Verdict;

/**
 * A registration as the REST API shows it to someone allowed to see it. {@code late}: submitted later than the
 * policy's hours ({@code reportingLimitHours}) after the end of the first-contact day; {@code lateHours}: the hours
 * from the end of that day to the submission (both null for registrations older than this measure).
 */
public record RegistrationResponse(Long id, RegistrationStatus status, Verdict verdict, String companyName,
                                   String creditCode, String contactName, String phone, String email,
                                   Industry industry, String region, Grade grade, LocalDate firstContactDate,
                                   String notes, String submitter, String teamId, String processInstanceId,
                                   Long customerId, ReviewDecision decision, String decisionReason,
                                   String decidedBy, Instant decidedAt, String refusalReason, Instant createdAt,
                                   Instant updatedAt, Boolean late, Integer lateHours,
                                   Integer reportingLimitHours, Instant reviewEscalatedAt) {

    static RegistrationResponse of(Registration r) {
        return new RegistrationResponse(r.getId(), r.getStatus(), r.getVerdict(), r.getCompanyName(),
                r.getCreditCode(), r.getContactName(), r.getPhone(), r.getEmail(), r.getIndustry(), r.getRegion(),
                r.getGrade(), r.getFirstContactDate(), r.getNotes(), r.getSubmitter(), r.getTeamId(),
                r.getProcessInstanceId(), r.getCustomerId(), r.getDecision(), r.getDecisionReason(),
                r.getDecidedBy(), r.getDecidedAt(), r.getRefusalReason(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getLate(), r.getLateHours(), r.getReportingLimitHours(), r.getReviewEscalatedAt());
    }
}
