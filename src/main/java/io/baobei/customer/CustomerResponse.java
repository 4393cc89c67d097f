package io.baobei.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.baobei.identity.Actor;

/**
 * A customer as the REST API shows it; contact data and the deal (成交金额 in yuan, 签约日期) only to its owner, the
 * team's managers and admins.
 */
public record CustomerResponse(Long id, String companyName, String creditCode, String industry, String region,
                               Grade grade, CustomerStatus status, String owner, String ownerTeam,
                               Instant protectedSince, Instant protectedUntil, Instant nextFollowUpDue,
                               String contactName, String phone, String email, Instant createdAt,
                               Instant updatedAt, BigDecimal dealAmount, LocalDate dealSignedOn) {

    public static CustomerResponse of(Customer c, Actor actor) {
        boolean details = CustomerService.hasFullAccess(c, actor);
        Deal deal = details ? c.getDeal() : null;
        return new CustomerResponse(c.getId(), c.getCompanyName(), c.getCreditCode(), c.getIndustry(),
                c.getRegion(), c.getGrade(), c.getStatus(), c.getOwner(), c.getOwnerTeam(), c.getProtectedSince(),
                c.getProtectedUntil(), c.getNextFollowUpDue(), details ? c.getContactName() : null,
                details ? c.getPhone() : null, details ? c.getEmail() : null, c.getCreatedAt(), c.getUpdatedAt(),
                deal == null ? null : deal.amount(), deal == null ? null : deal.signedOn());
    }
}
