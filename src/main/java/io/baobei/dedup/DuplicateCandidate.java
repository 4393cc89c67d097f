package io.baobei.dedup;

/**
 * What is checked: the company as typed and its strong keys (any may be null but the name), and the
 * user asking, so matches can be classified as theirs or a colleague's.
 */
public record DuplicateCandidate(String companyName, String creditCode, String phone, String email,
                                 String requestedBy) {
}
