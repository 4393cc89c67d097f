package io.baobei.registration;

import io.baobei.common.BusinessRuleException;

/**
 * A rep registers a customer that is already theirs: refused at once, in the submission's transaction, instead of
 * reaching the manager. Answers 409 with the Chinese message and the customer's id (RegistrationController).
 */
public class OwnCustomerException extends BusinessRuleException {

    private final Long customerId;

    public OwnCustomerException(String message, Long customerId) {
        super(message);
        this.customerId = customerId;
    }

    public Long customerId() {
        return customerId;
    }
}
