package io.baobei.registration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.baobei.dedup.DuplicateMatch;
import io.baobei.dedup.MatchReason;
import io.baobei.dedup.MatchStatus;

/** One customer the duplicate check matched for a registration, kept for the reviewer and for audit. */
@Entity
@Table(name = "registration_match")
public class RegistrationMatch {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long registrationId;
    @Column(nullable = false)
    private Long customerId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MatchStatus matchStatus;
    /** comma-separated MatchReason names */
    @Column(nullable = false)
    private String reasons;
    private double score;

    protected RegistrationMatch() {
    }

    RegistrationMatch(Long registrationId, DuplicateMatch match) {
        this.registrationId = registrationId;
        this.customerId = match.customerId();
        this.matchStatus = match.status();
        this.reasons = match.reasons().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.score = match.score();
    }

    public Long getCustomerId() { return customerId; }
    public MatchStatus getMatchStatus() { return matchStatus; }
    public double getScore() { return score; }

    public Set<MatchReason> getReasons() {
        return Arrays.stream(reasons.split(",")).filter(s -> !s.isBlank()).map(MatchReason::valueOf)
                .collect(Collectors.toSet());
    }
}
