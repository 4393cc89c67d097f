package io.baobei.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed logins reach the audit log ({@code baobei.login.audit.*}); see {@link LoginAudit}.
 *
 * @param window     one summary per window; per account at most one LOGIN_FAILED entry per window
 * @param maxEntries LOGIN_FAILED entries per window at most, over all accounts; the rest are counted in the summary
 */
@ConfigurationProperties(prefix = "baobei.login.audit")
public record LoginAuditProperties(Duration window, Integer maxEntries) {

    public LoginAuditProperties {
        window = window == null ? Duration.ofMinutes(1) : window;
        maxEntries = maxEntries == null ? 30 : maxEntries;
        if (window.isZero() || window.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("baobei.login.audit: window must be positive, max-entries 0 or more");
        }
    }
}
