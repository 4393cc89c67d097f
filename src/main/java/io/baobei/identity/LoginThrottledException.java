package io.baobei.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused by {@link LoginThrottle} before its password was checked. */
public class LoginThrottledException extends AuthenticationException {

    public static final String MESSAGE = "尝试次数过多，请稍后再试";

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super(MESSAGE);
        this.retryAfter = retryAfter;
    }

    /** how long until the address may try again */
    public Duration retryAfter() {
        return retryAfter;
    }
}
