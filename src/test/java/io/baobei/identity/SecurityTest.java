package io.baobei.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.baobei.support.BaobeiWebTest;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches what: the engine REST API is for admins, the webapps need a login, headers are set. */
@BaobeiWebTest
class SecurityTest {

    @Autowired TestRestTemplate rest;

    @Test
    void engineRestIsForAdminsOnly() {
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth(REP_A1, PASSWORD).getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth(MGR_A, PASSWORD).getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void webappsRedirectToTheLoginPageAndTheirApiAnswers401() {
        // the test client follows the redirect: an anonymous visitor of Tasklist ends on the login page
        ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        assertThat(tasklist.getBody()).contains("客户报备系统", "id=\"login-submit\"").doesNotContain("camTasklistAppCtrl");
        assertThat(rest.getForEntity("/camunda/app/cockpit/default/", String.class).getBody()).contains("客户报备系统");
        assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theLoginPageIsChineseAndCarriesACsrfToken() {
        ResponseEntity<String> login = rest.getForEntity("/login", String.class);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).contains("客户报备系统", "用户名", "密码", "name=\"_csrf\"");
        assertThat(login.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aFailedLoginShowsTheMessageAndLetsNobodyIn() {
        ResponseEntity<String> failed = rest.postForEntity("/login", null, String.class);
        assertThat(failed.getStatusCode()).isIn(HttpStatus.FOUND, HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/login?error", String.class).getBody()).contains("用户名或密码错误");
    }
}
