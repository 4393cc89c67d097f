package io.baobei.identity;

import static io.baobei.identity.RawHttp.header;
import static io.baobei.identity.RawHttp.setCookie;
import static io.baobei.support.TestIdentities.PASSWORD;
import static io.baobei.support.TestIdentities.REP_A1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import io.baobei.support.TestIdentities;

/**
 * BAOBEI_HTTPS=true, as set for a deployment served over HTTPS: Secure cookies and HSTS on every response, even
 * when the proxy in front does not send X-Forwarded-Proto (the requests here are plain HTTP). The test sets the
 * variable's name as a property, which application.yml reads exactly as it reads the environment.
 * <p>
 * A second application context, so it has its own engine name and database: Camunda registers engines by name
 * for the whole JVM, and "default" belongs to the other web tests. H2 only (not tagged "spring"): the settings do
 * not depend on the database. Closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BAOBEI_HTTPS=true",
        "camunda.bpm.process-engine-name=httpsTests",
        "spring.datasource.url=jdbc:h2:mem:baobei-https;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
@Import(TestIdentities.class)
@DirtiesContext
class HttpsSettingsTest {

    /** The webapps' engine API, on this context's engine. */
    private static final String TASKS = "/camunda/api/engine/engine/httpsTests/task";

    @LocalServerPort
    int port;

    @Test
    void cookiesAreSecureAndEveryResponseCarriesHsts() {
        RawHttp http = new RawHttp(port);
        HttpResponse<String> login = http.login(REP_A1, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(setCookie(login, "JSESSIONID").orElseThrow()).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(header(login, "Strict-Transport-Security")).isEqualTo("max-age=31536000");

        // the first webapp request of the session (Tasklist's engine API): Camunda's CSRF filter hands out its token
        HttpResponse<String> webapp = http.get(TASKS);
        assertThat(webapp.statusCode()).isEqualTo(200);
        assertThat(setCookie(webapp, "XSRF-TOKEN").orElseThrow()).contains("Secure", "SameSite=Strict");
        assertThat(header(webapp, "Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(header(webapp, "Content-Security-Policy")).doesNotContain("unsafe-eval");

        // (the REST API serves the engine called "default", which is not this context's: the refusal will do)
        HttpResponse<String> api = new RawHttp(port).get("/api/customers");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(header(api, "Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }
}
