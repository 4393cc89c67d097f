package io.baobei.identity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.baobei.common.TextRules;

/**
 * Spring Security checks passwords against Camunda's identity service, so the users and groups that
 * log in are exactly the ones Tasklist, candidate groups and authorizations know. Every login path (form
 * login, HTTP Basic) comes through here, so both throttles apply to all of them: Camunda's delay per account
 * (loginDelay*) and {@link LoginThrottle} per client address.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final UserDirectory directory;
    private final LoginThrottle throttle;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, UserDirectory directory,
                                                 LoginThrottle throttle) {
        this.identityService = identityService;
        this.directory = directory;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        throttle.checkAllowed(address);
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        // no user id holds control characters, and PostgreSQL refuses U+0000 in a query (a 500 otherwise)
        if (username == null || username.isBlank() || TextRules.hasControlCharacters(username) || credentials == null
                || !identityService.checkPassword(username, credentials.toString())) {
            throttle.failed(address);
            throw new BadCredentialsException("用户名或密码错误");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        Role role = directory.actor(username).role();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
