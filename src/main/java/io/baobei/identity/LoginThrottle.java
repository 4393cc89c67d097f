package io.baobei.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address. Camunda's delay slows guessing per account; one client spraying guesses
 * over many accounts is stopped here: after {@code addressMaxFailures} failures within {@code addressWindow}
 * every login from its address is refused for {@code addressBlock}, before any password is checked.
 * A successful login does not reset the count, or one known account would let a client guess on forever.
 * <p>
 * The address is the servlet request's remote address, which Tomcat takes from X-Forwarded-For only when a
 * trusted proxy sends it. IPv6 clients count by their /64 network: one host usually holds all of it.
 * Counters live in this node's memory: with several nodes, each counts on its own.
 */
@Component
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** addresses tracked at most (some 200 bytes each): the memory an attacker with many addresses can fill */
    static final int MAX_ADDRESSES = 100_000;

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final int maxFailures;
    private final long window;
    private final long block;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> addresses = new ConcurrentHashMap<>();
    private final AtomicLong nextPurge = new AtomicLong();

    public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.maxFailures = properties.addressMaxFailures();
        this.window = properties.addressWindow().toMillis();
        this.block = properties.addressBlock().toMillis();
        this.clock = clock;
    }

    /** Refuses a login from an address that is blocked; {@code address} null (no HTTP request) is never refused. */
    public void checkAllowed(String address) {
        if (address == null || maxFailures == 0) {
            return;
        }
        Failures failures = addresses.get(key(address));
        long wait = failures == null ? 0 : failures.blockedFor(clock.millis());
        if (wait > 0) {
            throw new LoginThrottledException(Duration.ofMillis(wait));
        }
    }

    /** Counts a failed login from {@code address}. */
    public void failed(String address) {
        if (address == null || maxFailures == 0) {
            return;
        }
        long now = clock.millis();
        purgeNowAndThen(now);
        String key = key(address);
        Failures failures = addresses.get(key);
        if (failures == null) {
            if (addresses.size() >= MAX_ADDRESSES) {
                // the per-account delay still applies to these; refusing to count them keeps the memory bounded
                LOG.warn("Login throttle tracks {} addresses already; not counting {}", MAX_ADDRESSES, key);
                return;
            }
            failures = addresses.computeIfAbsent(key, k -> new Failures(maxFailures));
        }
        if (failures.add(now, window, block)) {
            LOG.warn("Too many failed logins from {}: refusing its logins for {} s", key, block / 1000);
        }
    }

    /** Forgets addresses whose failures are all older than the window, at most once per window. */
    private void purgeNowAndThen(long now) {
        long due = nextPurge.get();
        if (now >= due && nextPurge.compareAndSet(due, now + window)) {
            addresses.values().removeIf(failures -> failures.stale(now, window));
        }
    }

    /** The address, or for IPv6 its /64 network. */
    static String key(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            // only an IPv6 literal gets here: parsed, never looked up
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress(); // IPv4-mapped
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** The times of an address's recent failures (a ring of the last maxFailures) and its block. */
    private static final class Failures {

        private final long[] times;
        private int first;
        private int count;
        private long blockedUntil;

        Failures(int maxFailures) {
            this.times = new long[maxFailures];
        }

        synchronized long blockedFor(long now) {
            return Math.max(0, blockedUntil - now);
        }

        /** Returns true when this failure starts a block. */
        synchronized boolean add(long now, long window, long block) {
            if (now < blockedUntil) {
                return false;
            }
            while (count > 0 && times[first] <= now - window) {
                first = (first + 1) % times.length;
                count--;
            }
            times[(first + count) % times.length] = now;
            count++;
            if (count < times.length) {
                return false;
            }
            // after the block the address starts afresh
            blockedUntil = now + block;
            count = 0;
            return true;
        }

        synchronized boolean stale(long now, long window) {
            return now >= blockedUntil && (count == 0 || times[(first + count - 1) % times.length] <= now - window);
        }
    }
}
