package io.baobei.identity;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiWebTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guessing passwords does not work on any login path: after a failure the account waits before it
 * accepts even the right password, after five it is locked; weak passwords are refused for new users.
 */
@BaobeiWebTest
class LoginThrottlingTest {

    private static final String PASSWORD = "Strong#Pass2026";

    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;

    private String newUser() {
        String id = "guess" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        User user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, Groups.SALES);
        return id;
    }

    private HttpStatus basic(String user, String password) {
        return HttpStatus.valueOf(rest.withBasicAuth(user, password).getForEntity("/api/customers", String.class)
                .getStatusCode().value());
    }

    @Test
    void aFailedAttemptDelaysTheNextAndFiveLockTheAccount() {
        String user = newUser();
        assertThat(basic(user, PASSWORD)).isEqualTo(HttpStatus.OK);

        assertThat(basic(user, "wrong")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(basic(user, PASSWORD)).as("right password within the delay").isEqualTo(HttpStatus.UNAUTHORIZED);

        // the form login goes through the same check
        for (int i = 0; i < 5; i++) {
            jdbc.update("update ACT_ID_USER set LOCK_EXP_TIME_ = null where ID_ = ?", user); // skip the waiting
            rest.postForEntity("/login", null, String.class);
            basic(user, "wrong-" + i);
        }
        jdbc.update("update ACT_ID_USER set LOCK_EXP_TIME_ = null where ID_ = ?", user);
        assertThat(basic(user, PASSWORD)).as("locked after five failures").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.queryForObject("select ATTEMPTS_ from ACT_ID_USER where ID_ = ?", Integer.class, user))
                .isGreaterThanOrEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'LOGIN_FAILED' and actor = ?",
                Integer.class, user)).isGreaterThanOrEqualTo(6);

        identityService.unlockUser(user);
        assertThat(basic(user, PASSWORD)).as("an admin unlocks the account").isEqualTo(HttpStatus.OK);
    }

    @Test
    void weakPasswordsAreRefusedOutsideTheDemo() {
        User user = identityService.newUser("weak" + UUID.randomUUID().toString().substring(0, 8));
        user.setPassword("demo");
        assertThatThrownBy(() -> identityService.saveUser(user)).hasMessageContaining("Password does not match policy");
    }
}
