package io.baobei.pool;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.identity.RawHttp;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** 公海 as a rep uses it: search, 领取 through the claim of the API, the outcome or the refusal in Chinese. */
@BaobeiWebTest
class PoolPageTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aRepFindsClaimsAndAfterReleasingIsToldAboutTheCooldown() {
        String rep = identities.newRep("pp", TestIdentities.TEAM_A);
        String token = Long.toString(System.nanoTime(), 36);
        String company = "深圳市" + token + "公海页科技有限公司";
        Long id = TestCustomers.inPool(ownership, company, Grade.B, "广东省深圳市", "13712345678");
        RawHttp browser = signedIn(rep);

        HttpResponse<String> found = browser.get("/pool?q=" + token + "&grade=B");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("<title>公海 · 客户报备</title>", company, "信息技术/互联网", "广东省深圳市",
                        "共 1 个公海客户", "action=\"/pool/" + id + "/claim\"", ">领取</button>")
                .as("what GET /api/pool shows: no contact data").doesNotContain("王先生").doesNotContain("13712345678")
                .as("a grade-B claim needs no manager: one click, no reason asked").doesNotContain("name=\"reason\"");

        HttpResponse<String> withoutToken = browser.postForm("/pool/" + id + "/claim", Map.of("q", token));
        assertThat(withoutToken.statusCode()).as("a claim without the CSRF token").isEqualTo(403);
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);

        String outcome = claim(browser, found.body(), id, token);
        assertThat(outcome).contains("id=\"claim-outcome\"", "已领取", company, "领取成功")
                .as("the search is kept").contains("value=\"" + token + "\"");
        assertThat(customers.findById(id).orElseThrow().getOwner()).isEqualTo(rep);

        assertThat(rest.withBasicAuth(rep, PASSWORD).postForEntity("/api/customers/" + id + "/release",
                Map.of("reason", "客户暂无需求"), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        String refused = claim(browser, browser.get("/pool?q=" + token).body(), id, token);
        assertThat(refused).contains("未能领取", "冷却期内", "30 天冷却期内您不能再领取或报备它", "可再次领取的时间：");
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void aGradeAClaimWaitsForTheManager() {
        String rep = identities.newRep("ppa", TestIdentities.TEAM_A);
        String token = Long.toString(System.nanoTime(), 36);
        String company = "深圳市" + token + "甲级客户有限公司";
        Long id = TestCustomers.inPool(ownership, company, Grade.A, "广东省深圳市", null);
        RawHttp browser = signedIn(rep);

        // the page says so before the claim (PoolClaimApproval) and asks for a reason the managers will read
        String page = browser.get("/pool?q=" + token).body();
        assertThat(page).contains("需主管审批", "name=\"reason\"", "领取理由（选填，主管审批时可见）", ">申请领取</button>");
        String outcome = claim(browser, page, id, token, "客户下月招标，我之前接触过");

        assertThat(outcome).contains("id=\"claim-outcome\"", "待主管审批", company, "已提交给您所在团队的主管")
                .doesNotContain("未能领取");
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(jdbc.queryForObject("select reason from pool_claim where customer_id = ?", String.class, id))
                .isEqualTo("客户下月招标，我之前接触过");
    }

    @Test
    void managersSeeThePoolButDoNotClaimAndBadFiltersAreExplained() {
        String company = Processes.uniqueName("深圳市主管看公海");
        Long id = TestCustomers.inPool(ownership, company, Grade.C, "广东省深圳市", null);
        RawHttp browser = signedIn(TestIdentities.MGR_A);

        HttpResponse<String> page = browser.get("/pool?q=" + company.substring(3, 15));
        assertThat(page.body()).contains(company, "只有销售可以领取公海客户").doesNotContain(">领取</button>");
        String answer = claim(browser, page.body(), id, null);
        assertThat(answer).contains("未能领取", "只有销售可以领取公海客户");
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);

        assertThat(browser.get("/pool?grade=Z&industry=NOPE").body()).contains("意向等级应为 A、B、C 或 D", "行业不正确");
    }

    /** Posts the 领取 form with the page's CSRF token and follows the redirect back to 公海; the page shown. */
    private static String claim(RawHttp browser, String page, Long id, String q) {
        return claim(browser, page, id, q, null);
    }

    private static String claim(RawHttp browser, String page, Long id, String q, String reason) {
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", RawHttp.csrfToken(page));
        if (reason != null) {
            form.put("reason", reason);
        }
        if (q != null) {
            form.put("q", q);
        }
        HttpResponse<String> posted = browser.postForm("/pool/" + id + "/claim", form);
        assertThat(posted.statusCode()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/pool");
        return browser.get(location.replaceFirst("^https?://[^/]+", "")).body();
    }

    private RawHttp signedIn(String user) {
        RawHttp browser = new RawHttp(port);
        assertThat(browser.login(user, PASSWORD).statusCode()).isEqualTo(302);
        return browser;
    }
}
