package io.baobei.registration;

import io.baobei.common.Labelled;

/** A manager's decision on a registration. */
public enum ReviewDecision implements Labelled {
    APPROVE("批准"),
    REJECT("驳回"),
    REVISE("退回修改");

    private final String label;

    ReviewDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Rejections and send-backs tell the rep why. */
    public boolean needsReason() {
        return this != APPROVE;
    }
}
