package io.baobei.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Logins into the web applications and every failed login (form or HTTP Basic) go to the audit log.
 * Successful HTTP Basic calls are not logged one by one: each API request authenticates anew.
 */
@Component
public class LoginAudit {

    private final AuditLog auditLog;

    public LoginAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        auditLog.recordAs(event.getAuthentication().getName(), "LOGIN", "USER", event.getAuthentication().getName(),
                null, null, null);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        auditLog.recordAs(name == null || name.isBlank() ? "anonymous" : name, "LOGIN_FAILED", "USER", name, null, null,
                event.getException().getClass().getSimpleName());
    }
}
