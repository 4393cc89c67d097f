package io.baobei.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.baobei.identity.LoginThrottledException;

/**
 * Logins into the web applications and failed logins (form or HTTP Basic) go to the audit log.
 * Successful HTTP Basic calls are not logged one by one: each API request authenticates anew.
 * <p>
 * Anyone can fail a login, under any name, so failures must not fill the chain: per window
 * ({@code baobei.login.audit.window}) at most one {@value #FAILED} entry per user name and {@code max-entries}
 * in all. Every other failure, and every attempt the per-address throttle refused, is counted in one
 * {@value #SUMMARY} entry at the end of the window, so an attack is never lost. Names lose control and format
 * characters and are cut to {@value #MAX_NAME_LENGTH} characters. The counts wait in this node's memory until
 * the summary is written: each node writes its own.
 */
@Component
public class LoginAudit {

    private static final Logger LOG = LoggerFactory.getLogger(LoginAudit.class);
    static final String FAILED = "LOGIN_FAILED";
    static final String SUMMARY = "LOGIN_FAILED_SUMMARY";
    static final int MAX_NAME_LENGTH = 64;
    /** distinct names and addresses one summary tells apart at most: bounds its memory */
    static final int MAX_DISTINCT = 10_000;
    private static final int TOP_ADDRESSES = 10;
    private static final int MAX_ADDRESS_LENGTH = 45; // the longest IPv6 text
    /** control, format (bidi overrides, zero-width), unpaired surrogate, private-use and unassigned characters */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");

    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration window;
    private final int maxEntries;
    private ScheduledExecutorService summaries;

    /** names with an entry of their own in this window; guarded by this */
    private final Set<String> recorded = new HashSet<>();
    /** failures of this window without an entry of their own; guarded by this */
    private Summary pending;

    public LoginAudit(AuditLog auditLog, LoginAuditProperties properties, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
        this.window = properties.window();
        this.maxEntries = properties.maxEntries();
        this.pending = new Summary(clock.instant());
    }

    @PostConstruct
    void startSummaries() {
        summaries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "login-audit-summary");
            thread.setDaemon(true);
            return thread;
        });
        long period = window.toMillis();
        summaries.scheduleAtFixedRate(this::summarise, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopSummaries() {
        summaries.shutdownNow();
        summarise(); // the last window's counts
    }

    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        auditLog.recordAs(event.getAuthentication().getName(), "LOGIN", "USER", event.getAuthentication().getName(),
                null, null, null);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String name = cleanName(event.getAuthentication().getName());
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        boolean throttled = event.getException() instanceof LoginThrottledException;
        if (recordSeparately(name, address, throttled)) {
            auditLog.recordAs(name == null ? "anonymous" : name, FAILED, "USER", name, null,
                    address == null ? null : "address=" + clip(address, MAX_ADDRESS_LENGTH),
                    event.getException().getClass().getSimpleName());
        }
    }

    /** True when the failure gets an entry of its own, else it is counted for the summary. */
    private synchronized boolean recordSeparately(String name, String address, boolean throttled) {
        if (!throttled && recorded.size() < maxEntries && recorded.add(name == null ? "" : name)) {
            return true;
        }
        pending.count(name, address, throttled);
        return false;
    }

    /** Ends the window: writes the summary of the failures without an entry of their own, if there were any. */
    void summarise() {
        Summary done;
        synchronized (this) {
            done = pending;
            pending = new Summary(clock.instant());
            recorded.clear();
        }
        if (done.failures == 0) {
            return;
        }
        try {
            auditLog.recordAs(AuditLog.SYSTEM, SUMMARY, "USER", null, null, done.counts(), done.topAddresses());
        } catch (RuntimeException e) {
            // counted again in the next summary: an attack must not vanish with a failed write
            LOG.error("Could not write the summary of {} failed logins; retrying with the next one", done.failures, e);
            synchronized (this) {
                pending.add(done);
            }
        }
    }

    /** The name as the audit log keeps it: visible characters only, at most {@value #MAX_NAME_LENGTH}; null if none. */
    static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String visible = INVISIBLE.matcher(name).replaceAll("").strip();
        return visible.isEmpty() ? null : clip(visible, MAX_NAME_LENGTH);
    }

    private static String clip(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // not half a character
        }
        return value.substring(0, end) + "…";
    }

    /** Failed logins of one window that have no entry of their own. */
    private static final class Summary {

        private Instant since;
        private long failures;
        private long throttled;
        private final Set<String> names = new HashSet<>();
        private boolean moreNames;
        private final Map<String, Long> addresses = new HashMap<>();
        private boolean moreAddresses;

        Summary(Instant since) {
            this.since = since;
        }

        void count(String name, String address, boolean wasThrottled) {
            failures++;
            if (wasThrottled) {
                throttled++;
            }
            countName(name == null ? "" : name);
            countAddress(address == null ? "unknown" : clip(address, MAX_ADDRESS_LENGTH), 1);
        }

        private void countName(String name) {
            if (names.size() < MAX_DISTINCT || names.contains(name)) {
                names.add(name);
            } else {
                moreNames = true;
            }
        }

        private void countAddress(String address, long count) {
            if (addresses.size() < MAX_DISTINCT || addresses.containsKey(address)) {
                addresses.merge(address, count, Long::sum);
            } else {
                moreAddresses = true;
            }
        }

        /** Takes over the counts of an earlier summary. */
        void add(Summary earlier) {
            since = earlier.since;
            failures += earlier.failures;
            throttled += earlier.throttled;
            earlier.names.forEach(this::countName);
            earlier.addresses.forEach(this::countAddress);
            moreNames |= earlier.moreNames;
            moreAddresses |= earlier.moreAddresses;
        }

        String counts() {
            return "failures=" + failures + " throttled=" + throttled
                    + " names=" + names.size() + (moreNames ? "+" : "")
                    + " addresses=" + addresses.size() + (moreAddresses ? "+" : "")
                    + " since=" + since;
        }

        String topAddresses() {
            return "top addresses: " + addresses.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(TOP_ADDRESSES)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
    }
}
