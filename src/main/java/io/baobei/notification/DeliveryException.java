package io.baobei.notification;

/**
 * A delivery that did not reach the user. {@code permanent}: trying again cannot help (no address, the user is
 * unknown to the channel), so the message is given up at once instead of after all retries.
 */
class DeliveryException extends Exception {

    private final boolean permanent;

    DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    boolean permanent() {
        return permanent;
    }
}
