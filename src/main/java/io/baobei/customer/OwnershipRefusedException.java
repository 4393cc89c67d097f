package io.baobei.customer;

import io.baobei.common.BusinessRuleException;

/** A change of owner refused by a rule of OwnershipRules.dmn; answers 409 with the Chinese message. */
public class OwnershipRefusedException extends BusinessRuleException {

    private final transient OwnershipRefusal refusal;

    public OwnershipRefusedException(OwnershipRefusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public OwnershipRefusal refusal() {
        return refusal;
    }
}
