package io.baobei.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.baobei.identity.Actor;

/**
 * A customer as the REST API shows it; contact data and the deal (成交金额 in yuan, 签约日期) only to its owner, the
 * team's managers and admins. A protected customer also shows its {@link Countdown} and whether the protection
 * process flagged it as long unconverted (长期未成交预警, docs/deadlines.md).
 */
public record CustomerResponse(Long id, String companyName, String creditCode, String industry, String region,
                               Grade grade, CustomerStatus status, String owner, String ownerTeam,
                               Instant protectedSince, Instant protectedUntil, Instant nextFollowUpDue,
                               String contactName, String phone, String email, Instant createdAt,
                               Instant updatedAt, BigDecimal dealAmount, LocalDate dealSignedOn, Countdown countdown,
                               boolean unconvertedWarning) {

    /**
     * How long a protected customer has left, counted from the request: whole days to the end of the protection
     * and whole hours to the follow-up deadline, each rounded up (2.5 days left is 3; 0 once passed), as the 客户跟进
     * task's text "保护期还剩 3 天（至 …）" counts them.
     */
    public record Countdown(long protectionDaysLeft, long followUpDueInHours) {

        public static Countdown of(Customer c, Instant now) {
            if (c.getStatus() != CustomerStatus.PROTECTED || c.getProtectedUntil() == null) {
                return null;
            }
            return new Countdown(daysLeft(c.getProtectedUntil(), now),
                    c.getNextFollowUpDue() == null ? 0 : roundUp(c.getNextFollowUpDue(), now, 3600));
        }

        /** Whole days from {@code now} to {@code until}, rounded up, 0 once passed. */
        public static long daysLeft(Instant until, Instant now) {
            return roundUp(until, now, 86_400);
        }

        private static long roundUp(Instant until, Instant now, long unitSeconds) {
            long seconds = java.time.Duration.between(now, until).getSeconds();
            return seconds <= 0 ? 0 : (seconds + unitSeconds - 1) / unitSeconds;
        }
    }

    /** @param now for the countdown: the application's clock, as every deadline is dated by */
    public static CustomerResponse of(Customer c, Actor actor, Instant now) {
        boolean details = CustomerService.hasFullAccess(c, actor);
        Deal deal = details ? c.getDeal() : null;
        return new CustomerResponse(c.getId(), c.getCompanyName(), c.getCreditCode(), c.getIndustry(),
                c.getRegion(), c.getGrade(), c.getStatus(), c.getOwner(), c.getOwnerTeam(), c.getProtectedSince(),
                c.getProtectedUntil(), c.getNextFollowUpDue(), details ? c.getContactName() : null,
                details ? c.getPhone() : null, details ? c.getEmail() : null, c.getCreatedAt(), c.getUpdatedAt(),
                deal == null ? null : deal.amount(), deal == null ? null : deal.signedOn(),
                Countdown.of(c, now), c.isUnconvertedWarned());
    }
}
