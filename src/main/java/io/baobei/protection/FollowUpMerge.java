package io.baobei.protection;

import org.springframework.stereotype.Component;

import io.baobei.customer.MergeParticipant;

/** 合并: a merged customer's follow-ups move to the survivor, so its owner sees the whole contact history. */
@Component
class FollowUpMerge implements MergeParticipant {

    private final FollowUpRepository followUps;

    FollowUpMerge(FollowUpRepository followUps) {
        this.followUps = followUps;
    }

    @Override
    public int moveToSurvivor(Long mergedId, Long survivorId) {
        return followUps.moveToCustomer(mergedId, survivorId);
    }

    @Override
    public String label() {
        return "跟进记录";
    }
}
