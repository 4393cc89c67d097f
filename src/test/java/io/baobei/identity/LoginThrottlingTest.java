package io.baobei.identity;

import static io.baobei.identity.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiWebTest;

/**
 * Guessing passwords is slow on every login path, yet knowing a user name is not enough to lock anybody out:
 * after a failure the account waits (3 s, doubling up to 60 s) and then takes the right password again, however
 * many failures came before; a client address with too many failures is refused for a while, other addresses
 * are not. Weak passwords are refused for new users.
 */
@BaobeiWebTest
class LoginThrottlingTest {

    private static final String PASSWORD = "Strong#Pass2026";
    private static final String TASKLIST = "/camunda/app/tasklist/default/";
    /**
     * Each test acts from client addresses of its own, sent as X-Forwarded-For: Tomcat takes them from the test
     * client on the loopback address, a trusted proxy (server.forward-headers-strategy=native).
     */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;
    @Value("${baobei.login.address-max-failures:20}") int addressMaxFailures;
    @Value("${baobei.login.address-block:10m}") Duration addressBlock;

    private static String newAddress() {
        return "203.0.113." + NEXT_ADDRESS.incrementAndGet();
    }

    private String newUser() {
        String id = "guess" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        User user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, Groups.SALES);
        return id;
    }

    private ResponseEntity<String> basicCall(String user, String password, String address) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password, StandardCharsets.UTF_8);
        headers.set("X-Forwarded-For", address);
        return rest.exchange("/api/customers", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private HttpStatus basic(String user, String password, String address) {
        return HttpStatus.valueOf(basicCall(user, password, address).getStatusCode().value());
    }

    /** Signs in through the login page; returns where it sends the browser. */
    private String formLogin(String user, String password, String address) {
        HttpResponse<String> answer = new RawHttp(port).login(user, password, "X-Forwarded-For", address);
        assertThat(answer.statusCode()).isEqualTo(302);
        return header(answer, "Location");
    }

    /** Camunda's delay as if it had passed: the tests do not wait up to a minute. */
    private void skipDelay(String user) {
        jdbc.update("update ACT_ID_USER set LOCK_EXP_TIME_ = null where ID_ = ?", user);
    }

    private int attempts(String user) {
        return jdbc.queryForObject("select coalesce(ATTEMPTS_, 0) from ACT_ID_USER where ID_ = ?", Integer.class, user);
    }

    private long delayedUntil(String user) {
        Timestamp until = jdbc.queryForObject("select LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = ?", Timestamp.class,
                user);
        assertThat(until).as("a delay, not Camunda's permanent lock").isNotNull();
        return until.getTime();
    }

    @Test
    void aFailedAttemptDelaysTheNextAndTheDelayLiftsItself() {
        String user = newUser();
        String from = newAddress();
        assertThat(basic(user, PASSWORD, from)).isEqualTo(HttpStatus.OK);

        assertThat(basic(user, "wrong", from)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(basic(user, PASSWORD, from)).as("right password within the delay").isEqualTo(HttpStatus.UNAUTHORIZED);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> basic(user, PASSWORD, from) == HttpStatus.OK);
    }

    @Test
    void manyFailuresOnEveryPathNeverLockTheAccountForGood() {
        String user = newUser();
        String from = newAddress();
        for (int i = 0; i < 12; i++) {
            skipDelay(user);
            if (i % 2 == 0) {
                assertThat(basic(user, "wrong-" + i, from)).isEqualTo(HttpStatus.UNAUTHORIZED);
            } else {
                assertThat(formLogin(user, "wrong-" + i, from)).endsWith("/login?error");
            }
        }
        assertThat(attempts(user)).as("every wrong password was checked once").isEqualTo(12);
        assertThat(basic(user, PASSWORD, from)).as("right password within the delay").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(delayedUntil(user)).as("the delay stays at Camunda's maximum of 60 s")
                .isLessThanOrEqualTo(System.currentTimeMillis() + 61_000);

        skipDelay(user);
        assertThat(basic(user, PASSWORD, from)).as("HTTP Basic after the delay").isEqualTo(HttpStatus.OK);

        String later = newAddress(); // below the address limit again
        for (int i = 0; i < 6; i++) {
            skipDelay(user);
            assertThat(basic(user, "wrong-again-" + i, later)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        skipDelay(user);
        assertThat(formLogin(user, PASSWORD, later)).as("form login after the delay").endsWith(TASKLIST);
        assertThat(attempts(user)).as("a login resets the count").isZero();
    }

    @Test
    void aHugeAttemptsCountStillWaitsAtMostAMinute() {
        String user = newUser();
        String from = newAddress();
        // about 4,000 years of guessing at one attempt per minute: Camunda's factor^attempts must not overflow
        jdbc.update("update ACT_ID_USER set ATTEMPTS_ = ?, LOCK_EXP_TIME_ = null where ID_ = ?", 2_000_000_000, user);
        long before = System.currentTimeMillis();

        assertThat(basic(user, "wrong", from)).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(delayedUntil(user)).isBetween(before + 59_000, System.currentTimeMillis() + 61_000);
        skipDelay(user);
        assertThat(basic(user, PASSWORD, from)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAddressWithTooManyFailuresIsRefusedForAWhileWhileOthersStillGetIn() {
        String user = newUser();
        String attacker = newAddress();
        String colleague = newAddress();
        // a spray over many names: no account delay gets in the way, only the address counts
        for (int i = 1; i < addressMaxFailures; i++) {
            assertThat(basic("nobody-" + UUID.randomUUID(), "wrong", attacker)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(basic(user, PASSWORD, attacker)).as("one failure below the limit; a login does not reset it")
                .isEqualTo(HttpStatus.OK);
        assertThat(basic("nobody-" + UUID.randomUUID(), "wrong", attacker)).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> refused = basicCall(user, PASSWORD, attacker);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getBody()).contains("尝试次数过多，请稍后再试");
        assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(basic(user, "wrong", attacker)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(attempts(user)).as("refused without checking the password").isZero();
        String page = formLogin(user, PASSWORD, attacker);
        assertThat(page).endsWith("/login?throttled");
        assertThat(rest.getForEntity("/login?throttled", String.class).getBody()).contains("尝试次数过多，请稍后再试");

        assertThat(basic(user, PASSWORD, colleague)).as("another address").isEqualTo(HttpStatus.OK);
        assertThat(formLogin(user, PASSWORD, colleague)).endsWith(TASKLIST);

        await().atMost(addressBlock.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> basic(user, PASSWORD, attacker) == HttpStatus.OK);
    }

    @Test
    void weakPasswordsAreRefusedOutsideTheDemo() {
        User user = identityService.newUser("weak" + UUID.randomUUID().toString().substring(0, 8));
        user.setPassword("demo");
        assertThatThrownBy(() -> identityService.saveUser(user)).hasMessageContaining("Password does not match policy");
    }
}
