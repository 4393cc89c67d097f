package io.baobei.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-address login throttle ({@code baobei.login.*}); see {@link LoginThrottle} and docs/configuration.md.
 *
 * @param addressMaxFailures failed logins from one client address within {@code addressWindow} after which that
 *                           address is refused; 0 switches the per-address throttle off
 * @param addressWindow      how far back failures count
 * @param addressBlock       how long an address is then refused, without any password being checked
 */
@ConfigurationProperties(prefix = "baobei.login")
public record LoginThrottleProperties(Integer addressMaxFailures, Duration addressWindow, Duration addressBlock) {

    public LoginThrottleProperties {
        addressMaxFailures = addressMaxFailures == null ? 20 : addressMaxFailures;
        addressWindow = addressWindow == null ? Duration.ofMinutes(10) : addressWindow;
        addressBlock = addressBlock == null ? Duration.ofMinutes(10) : addressBlock;
        if (addressMaxFailures < 0 || addressWindow.isZero() || addressWindow.isNegative()
                || addressBlock.isZero() || addressBlock.isNegative()) {
            throw new IllegalArgumentException("baobei.login: address-max-failures must be 0 or more, "
                    + "address-window and address-block positive");
        }
    }
}
