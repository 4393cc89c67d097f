package io.baobei.customer;

import java.time.Instant;

/**
 * Why a change of owner is refused: the rule, a Chinese message that says when it will be allowed, and that time
 * ({@code retryAfter}, null when it depends on the rep, as the quota does).
 */
public record OwnershipRefusal(ClaimRule rule, String message, Instant retryAfter) {
}
