package io.baobei.customer;

import java.time.Instant;

import io.baobei.identity.Actor;

/** A customer as the REST API shows it; contact data only to its owner, the team's managers and admins. */
public record CustomerResponse(Long id, String companyName, String creditCode, String industry, String region,
                               Grade grade, CustomerStatus status, String owner, String ownerTeam,
                               Instant protectedSince, Instant protectedUntil, Instant nextFollowUpDue,
                               String contactName, String phone, String email, Instant createdAt,
                               Instant updatedAt) {

    public static CustomerResponse of(Customer c, Actor actor) {
        boolean details = CustomerService.hasFullAccess(c, actor);
        return new CustomerResponse(c.getId(), c.getCompanyName(), c.getCreditCode(), c.getIndustry(),
                c.getRegion(), c.getGrade(), c.getStatus(), c.getOwner(), c.getOwnerTeam(), c.getProtectedSince(),
                c.getProtectedUntil(), c.getNextFollowUpDue(), details ? c.getContactName() : null,
                details ? c.getPhone() : null, details ? c.getEmail() : null, c.getCreatedAt(), c.getUpdatedAt());
    }
}
