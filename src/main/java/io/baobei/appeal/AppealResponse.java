package io.baobei.appeal;

import java.time.Instant;
import java.time.LocalDate;

import io.baobei.registration.RegistrationAppeals;

/** An appeal as the REST API shows it to its appellant, its deciders and admins; no contact data of either side. */
public record AppealResponse(Long id, Long registrationId, Long customerId, String companyName, String appellant,
                             RegistrationAppeals.Source source, String reason, String evidence,
                             LocalDate firstContactDate, AppealStatus status, String deciderGroup,
                             Instant escalatedAt, AppealOutcome outcome, String decisionReason, String decidedBy,
                             Instant decidedAt, Instant createdAt) {

    static AppealResponse of(Appeal a, String companyName) {
        return new AppealResponse(a.getId(), a.getRegistrationId(), a.getCustomerId(), companyName, a.getAppellant(),
                a.getSource(), a.getReason(), a.getEvidence(), a.getFirstContactDate(), a.getStatus(),
                a.getDeciderGroup(), a.getEscalatedAt(), a.getOutcome(), a.getDecisionReason(), a.getDecidedBy(),
                a.getDecidedAt(), a.getCreatedAt());
    }
}
