package io.baobei.handover;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 离职交接: who leaves, to whom their customers go and how, who asked; the items are its plan. */
@Entity
@Table(name = "handover")
class Handover {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String fromUser;
    private String fromTeam;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HandoverMode mode;
    /** comma-separated user names, empty for the pool */
    private String receivers;
    private boolean overrideQuota;
    private boolean disableUser;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HandoverState state;
    @Column(nullable = false)
    private String requestedBy;
    private String processInstanceId;
    private int itemCount;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant confirmedAt;
    private Instant finishedAt;

    protected Handover() {
    }

    Handover(HandoverRequest request, String fromTeam, String requestedBy, String processInstanceId, Instant now) {
        this.fromUser = request.fromUser();
        this.fromTeam = fromTeam;
        this.mode = request.mode();
        this.receivers = String.join(",", request.receivers());
        this.overrideQuota = request.overrideQuota();
        this.disableUser = request.disableUser();
        this.state = HandoverState.PREVIEW;
        this.requestedBy = requestedBy;
        this.processInstanceId = processInstanceId;
        this.createdAt = now;
    }

    HandoverRequest request() {
        return new HandoverRequest(fromUser, mode, receiverList(), overrideQuota, disableUser);
    }

    List<String> receiverList() {
        return receivers == null || receivers.isBlank() ? List.of() : Arrays.asList(receivers.split(","));
    }

    void attachTo(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void confirm(int itemCount, Instant now) {
        this.itemCount = itemCount;
        this.state = HandoverState.RUNNING;
        this.confirmedAt = now;
    }

    void finish(HandoverState result, Instant now) {
        this.state = result;
        this.finishedAt = now;
    }

    Long getId() { return id; }
    String getFromUser() { return fromUser; }
    String getFromTeam() { return fromTeam; }
    HandoverMode getMode() { return mode; }
    boolean isOverrideQuota() { return overrideQuota; }
    boolean isDisableUser() { return disableUser; }
    HandoverState getState() { return state; }
    String getRequestedBy() { return requestedBy; }
    String getProcessInstanceId() { return processInstanceId; }
    int getItemCount() { return itemCount; }
    Instant getCreatedAt() { return createdAt; }
    Instant getFinishedAt() { return finishedAt; }
}
