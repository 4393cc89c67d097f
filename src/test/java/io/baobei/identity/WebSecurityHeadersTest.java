package io.baobei.identity;

import static io.baobei.identity.RawHttp.header;
import static io.baobei.identity.RawHttp.setCookie;
import static io.baobei.identity.RawHttp.setCookies;
import static io.baobei.support.TestIdentities.ADMIN;
import static io.baobei.support.TestIdentities.PASSWORD;
import static io.baobei.support.TestIdentities.REP_A1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.baobei.support.BaobeiWebTest;

/**
 * Cookies and security headers as a browser receives them over plain HTTP (BAOBEI_HTTPS off), and behind a
 * TLS-terminating proxy that says so in X-Forwarded-Proto. HttpsSettingsTest covers BAOBEI_HTTPS=true.
 */
@BaobeiWebTest
class WebSecurityHeadersTest {

    /** Camunda's default policy without 'unsafe-eval' (application.yml, docs/security.md). */
    static final String WEBAPP_CSP = "base-uri 'self'; script-src $NONCE 'strict-dynamic' https: 'self' 'unsafe-inline'; "
            + "style-src 'unsafe-inline' 'self'; default-src 'self'; img-src 'self' data:; block-all-mixed-content; "
            + "form-action 'self'; frame-ancestors 'none'; object-src 'none'; "
            + "sandbox allow-forms allow-scripts allow-same-origin allow-popups allow-downloads";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");
    /** Tomcat trusts this header from loopback and private addresses only (server.forward-headers-strategy). */
    private static final String[] FROM_TLS_PROXY = {"X-Forwarded-Proto", "https"};

    @LocalServerPort
    int port;

    @Test
    void formLoginIssuesANewHttpOnlyLaxSessionCookie() {
        RawHttp http = new RawHttp(port);
        HttpResponse<String> loginPage = http.get("/login");
        // the login form's CSRF token lives in a session that already exists before the login
        String anonymousSession = http.cookie("JSESSIONID");
        assertThat(anonymousSession).isNotNull();

        HttpResponse<String> login = http.submitLogin(loginPage, REP_A1, PASSWORD);

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(header(login, "Location")).endsWith(TASKLIST);
        String sessionCookie = setCookie(login, "JSESSIONID").orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        assertThat(http.cookie("JSESSIONID")).as("session fixation: a new session id at login")
                .isNotEqualTo(anonymousSession);
        assertThat(http.get(TASKLIST).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebappsSetAStrictXsrfCookieAndACspWithoutUnsafeEval() {
        RawHttp http = new RawHttp(port);
        http.login(REP_A1, PASSWORD);

        HttpResponse<String> tasklist = http.get(TASKLIST);

        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(setCookie(tasklist, "XSRF-TOKEN").orElseThrow()).contains("SameSite=Strict")
                .doesNotContain("Secure");
        String csp = header(tasklist, "Content-Security-Policy");
        assertThat(csp).doesNotContain("unsafe-eval");
        assertThat(NONCE.matcher(csp).replaceAll("\\$NONCE")).isEqualTo(WEBAPP_CSP);
        // the nonce of the header is the one of the page's script tags
        Matcher nonce = NONCE.matcher(csp);
        assertThat(nonce.find()).isTrue();
        assertThat(nonce.group(1)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(tasklist.body()).contains("nonce=\"" + nonce.group(1) + "\"");
        assertThat(header(tasklist, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(tasklist, "Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void theLoginPageAndTheApiSendTheSiteHeaders() {
        RawHttp http = new RawHttp(port);
        HttpResponse<String> login = http.get("/login");
        assertThat(header(login, "Content-Security-Policy")).isEqualTo(SecurityConfig.SITE_CSP);
        assertThat(header(login, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(login, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(login, "Strict-Transport-Security")).isNull();

        for (String path : new String[] {"/api/customers", "/engine-rest/process-definition"}) {
            HttpResponse<String> api = new RawHttp(port).get(path, "Authorization", basic(ADMIN));
            assertThat(api.statusCode()).as(path).isEqualTo(200);
            assertThat(header(api, "Content-Security-Policy")).as(path).isEqualTo(SecurityConfig.API_CSP);
            assertThat(header(api, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(header(api, "X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(setCookies(api)).as(path + " is stateless: no session, no cookie").isEmpty();
        }
    }

    @Test
    void behindATlsTerminatingProxyCookiesAreSecureAndHstsIsSent() {
        RawHttp http = new RawHttp(port);
        HttpResponse<String> loginPage = http.get("/login", FROM_TLS_PROXY);
        assertThat(header(loginPage, "Strict-Transport-Security")).isEqualTo("max-age=31536000");

        HttpResponse<String> login = http.submitLogin(loginPage, REP_A1, PASSWORD, FROM_TLS_PROXY);
        assertThat(header(login, "Location")).startsWith("https://").endsWith(TASKLIST);
        assertThat(setCookie(login, "JSESSIONID").orElseThrow()).contains("Secure", "HttpOnly", "SameSite=Lax");

        HttpResponse<String> tasklist = http.get(TASKLIST, FROM_TLS_PROXY);
        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(header(tasklist, "Strict-Transport-Security")).isEqualTo("max-age=31536000");
        HttpResponse<String> api = new RawHttp(port).get("/api/customers", "Authorization", basic(ADMIN),
                FROM_TLS_PROXY[0], FROM_TLS_PROXY[1]);
        assertThat(header(api, "Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
