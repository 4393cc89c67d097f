package io.baobei.registration;

import org.springframework.stereotype.Component;

import io.baobei.customer.MergeParticipant;

/** 合并: the registrations that led to a merged customer now name the survivor (我的报备 links to it). */
@Component
class RegistrationMerge implements MergeParticipant {

    private final RegistrationRepository registrations;

    RegistrationMerge(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public int moveToSurvivor(Long mergedId, Long survivorId) {
        return registrations.moveToCustomer(mergedId, survivorId);
    }

    @Override
    public String label() {
        return "报备";
    }
}
