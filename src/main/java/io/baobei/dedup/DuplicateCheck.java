package io.baobei.dedup;

/**
 * 查重: matches a would-be customer against every existing customer. The registration process, the
 * REST API and imports all go through this interface; implementations may change, the contract not.
 */
public interface DuplicateCheck {

    DuplicateCheckResult check(DuplicateCandidate candidate);
}
