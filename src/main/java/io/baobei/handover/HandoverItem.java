package io.baobei.handover;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One customer of a handover's plan: where it goes (null: the pool) and how it ended. */
@Entity
@Table(name = "handover_item")
class HandoverItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long handoverId;
    /** 0-based; the multi-instance job with this loopCounter moves it */
    private int seq;
    @Column(nullable = false)
    private Long customerId;
    private String target;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ItemState state;
    private String reason;
    private Instant finishedAt;

    protected HandoverItem() {
    }

    HandoverItem(Long handoverId, int seq, Long customerId, String target) {
        this.handoverId = handoverId;
        this.seq = seq;
        this.customerId = customerId;
        this.target = target;
        this.state = ItemState.PENDING;
    }

    void moved(String note, Instant now) {
        this.state = ItemState.MOVED;
        this.reason = note;
        this.finishedAt = now;
    }

    void notMoved(String why, Instant now) {
        this.state = ItemState.NOT_MOVED;
        this.reason = why.length() > 1000 ? why.substring(0, 1000) : why;
        this.finishedAt = now;
    }

    Long getId() { return id; }
    Long getHandoverId() { return handoverId; }
    int getSeq() { return seq; }
    Long getCustomerId() { return customerId; }
    String getTarget() { return target; }
    ItemState getState() { return state; }
    String getReason() { return reason; }
}
