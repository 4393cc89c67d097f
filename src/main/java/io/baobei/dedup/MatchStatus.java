package io.baobei.dedup;

import io.baobei.customer.CustomerStatus;

/**
 * The matched customer's relation to the person who asked for the check (the requester: whoever called
 * {@code /api/duplicates/check}, or the submitter of a registration). "You" in {@link #OWNED_BY_YOU} is that
 * person, so the words differ by reader: {@link #labelForRequester()} for the requester themselves,
 * {@link #labelForReviewer(String)} for someone reading about the requester's check (the reviewing manager).
 */
public enum MatchStatus {
    OWNED_BY_OTHER,
    OWNED_BY_YOU,
    IN_POOL,
    CONVERTED;

    /** The relation of a customer in {@code status} owned by {@code owner} to {@code requester}. */
    public static MatchStatus of(CustomerStatus status, String owner, String requester) {
        if (status == CustomerStatus.POOL) {
            return IN_POOL;
        }
        if (status == CustomerStatus.CONVERTED) {
            return CONVERTED;
        }
        return owner != null && owner.equals(requester) ? OWNED_BY_YOU : OWNED_BY_OTHER;
    }

    /** As the requester reads it: "已在您名下", "已由同事保护". */
    public String labelForRequester() {
        return switch (this) {
            case OWNED_BY_OTHER -> "已由同事保护";
            case OWNED_BY_YOU -> "已在您名下";
            case IN_POOL -> "在公海池中";
            case CONVERTED -> "已成交";
        };
    }

    /**
     * As a third person reads about the requester's check: "已由提交人本人保护", "已由 李明（rep2） 保护".
     * {@code ownerName} is the owner as people know them (identity.UserDirectory#nameAndLogin).
     */
    public String labelForReviewer(String ownerName) {
        return switch (this) {
            case OWNED_BY_OTHER -> "已由 " + ownerName + " 保护";
            case OWNED_BY_YOU -> "已由提交人本人保护";
            case IN_POOL -> "在公海池中";
            case CONVERTED -> ownerName == null ? "已成交" : "已成交（" + ownerName + "）";
        };
    }
}
