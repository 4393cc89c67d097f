package io.baobei.identity;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Published for a {@link LoginThrottledException}: Spring Security publishes failure events only for exceptions
 * it is told about (SecurityConfig), and the audit must count throttled attempts too.
 */
public class LoginThrottledEvent extends AbstractAuthenticationFailureEvent {

    public LoginThrottledEvent(Authentication authentication, AuthenticationException exception) {
        super(authentication, exception);
    }
}
