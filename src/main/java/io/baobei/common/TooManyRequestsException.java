package io.baobei.common;

/** The caller used up a limit of requests; answers 429 with the message and a {@code Retry-After} header. */
public class TooManyRequestsException extends RuntimeException {

    private final long retryAfterSeconds;

    /** {@code message}: Chinese, saying what the limit is and when to try again. */
    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
