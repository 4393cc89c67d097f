package io.baobei.common;

import static io.baobei.support.TestIdentities.PASSWORD;
import static io.baobei.support.TestIdentities.REP_A1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.baobei.identity.RawHttp;
import io.baobei.support.BaobeiWebTest;

/**
 * What a signed-in user's browser shows when a page is refused or missing: a Chinese page that says why and leads
 * back to the task list, never Spring's English "Whitelabel Error Page" with a timestamp and an exception type.
 */
@BaobeiWebTest
class ErrorPagesTest {

    @LocalServerPort int port;

    private HttpResponse<String> open(String path) {
        RawHttp rep = new RawHttp(port);
        rep.login(REP_A1, PASSWORD);
        return rep.get(path, "Accept", "text/html,application/xhtml+xml");
    }

    @Test
    void aRepOpeningCockpitIsToldInChineseThatItIsForAdmins() {
        HttpResponse<String> cockpit = open("/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).isEqualTo(403);
        assertThat(cockpit.body()).contains("无权访问此页面").contains("仅限管理员")
                .contains("/camunda/app/tasklist/default/").doesNotContain("Whitelabel").doesNotContain("Forbidden");
    }

    @Test
    void aFormSentWithAnExpiredCsrfTokenIsRefusedWithAChinesePage() {
        RawHttp rep = new RawHttp(port);
        rep.login(REP_A1, PASSWORD);
        HttpResponse<String> stale = rep.postForm("/pool/1/claim", java.util.Map.of("_csrf", "expired"),
                "Accept", "text/html");
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(stale.body()).contains("无权访问此页面").doesNotContain("Whitelabel");
    }

    @Test
    void aMissingPageIsAChinese404() {
        HttpResponse<String> missing = open("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("页面不存在").doesNotContain("Whitelabel").doesNotContain("Not Found");
    }

    @Test
    void aMistypedWebappAddressIsAChinese404() {
        // Camunda's webapp filter redirects /camunda/app/<name>/ to /camunda/app/<name>/default/ for any name
        for (String path : java.util.List.of("/camunda/app/no-such-app/default/", "/camunda/app/tasklist/no-such-engine/")) {
            HttpResponse<String> missing = open(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).contains("页面不存在").doesNotContain("Whitelabel");
        }
    }
}
