package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.baobei.audit.AuditEntry;
import io.baobei.audit.AuditEntryRepository;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.identity.Groups;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/duplicates/check: the verdict for everyone, the details only for those who may see them, and a limit
 * per user. Tests that check many times do so as users of their own, so as not to use up the shared users' limits.
 */
@BaobeiWebTest
class DuplicateCheckApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;
    @Autowired DedupProperties properties;
    @Autowired AuditEntryRepository audit;
    @Autowired IdentityService identityService;

    @Test
    @SuppressWarnings("unchecked")
    void aRepLearnsThatAColleagueHoldsItButNotWhat() {
        String name = "宁波港湾" + UUID.randomUUID().toString().substring(0, 5) + "物流有限公司";
        Instant now = Instant.now(clock);
        Customer held = new Customer(name, Grade.A, now);
        held.updateDetails(name, null, "秘密联系人", "13566667777", null, "LOGISTICS",
                "浙江省宁波市", Grade.A);
        io.baobei.customer.TestCustomers.protect(held, REP_B1, TEAM_B, now, now.plus(Duration.ofDays(60)), now.plus(Duration.ofDays(7)));
        held = customers.save(held);
        String variant = name.replace("宁波", "") .replace("有限公司", "（宁波）有限公司");

        Map<String, Object> asRep = check(REP_A1, Map.of("companyName", variant)).getBody();
        assertThat(asRep).containsEntry("verdict", "CONFLICT");
        Map<String, Object> match = ((List<Map<String, Object>>) asRep.get("matches")).get(0);
        assertThat(match).containsEntry("status", "OWNED_BY_OTHER").containsEntry("team", "测试乙组")
                .containsKey("since").containsEntry("reasonsHidden", true)
                .doesNotContainKeys("companyName", "customerId", "reasons", "score");
        assertThat(asRep.toString()).doesNotContain(name).doesNotContain("秘密联系人").doesNotContain("13566667777");

        Map<String, Object> asManager = check(MGR_B, Map.of("companyName", variant)).getBody();
        Map<String, Object> seen = ((List<Map<String, Object>>) asManager.get("matches")).get(0);
        assertThat(seen).containsEntry("companyName", name).containsEntry("customerId", held.getId().intValue())
                .doesNotContainKey("reasonsHidden");
        assertThat(seen.get("reasons").toString()).contains("NAME_CORE");

        Map<String, Object> byPhone = check(REP_A1, Map.of("companyName", "完全不同的名字", "phone", "+86 135-6666-7777")).getBody();
        assertThat(byPhone).containsEntry("verdict", "CONFLICT");
    }

    /**
     * The finding: a masked phone (138****1234) leaves four digits, and a check that answers PHONE for a colleague's
     * customer tells which guess is right. Only those who may see the customer's contact data learn which key matched.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyThoseWhoMaySeeTheCustomerLearnWhichKeyMatched() {
        String phone = Processes.uniqueMobile();
        Instant now = Instant.now(clock);
        Customer held = new Customer(Processes.uniqueName("号码保护"), Grade.B, now);
        held.updateDetails(held.getCompanyName(), null, "联系人", phone, null, "IT", "广东省深圳市", Grade.B);
        io.baobei.customer.TestCustomers.protect(held, REP_B1, TEAM_B, now, now.plus(Duration.ofDays(60)), now.plus(Duration.ofDays(7)));
        customers.save(held);
        Map<String, String> guess = Map.of("companyName", Processes.uniqueName("随便写的"), "phone", phone);

        Map<String, Object> asRep = check(REP_A1, guess).getBody();
        assertThat(asRep).as("a rep is still told the company is taken").containsEntry("verdict", "CONFLICT");
        Map<String, Object> hidden = ((List<Map<String, Object>>) asRep.get("matches")).get(0);
        assertThat(hidden).containsEntry("status", "OWNED_BY_OTHER").containsEntry("reasonsHidden", true)
                .doesNotContainKeys("reasons", "score", "companyName", "customerId");
        assertThat(asRep.toString()).doesNotContain("PHONE");

        for (String mayKnow : List.of(REP_B1, MGR_B, ADMIN)) {
            Map<String, Object> answer = check(mayKnow, guess).getBody();
            Map<String, Object> shown = ((List<Map<String, Object>>) answer.get("matches")).get(0);
            assertThat((List<String>) shown.get("reasons")).as(mayKnow).containsExactly("PHONE");
            assertThat(shown).as(mayKnow).containsEntry("score", 0.9).doesNotContainKey("reasonsHidden");
        }
        assertThat(check(REP_B1, guess).getBody()).containsEntry("verdict", "SUSPECT"); // the owner's own customer
        // the status in words, for whoever asked
        assertThat(((List<Map<String, Object>>) check(REP_B1, guess).getBody().get("matches")).get(0))
                .containsEntry("status", "OWNED_BY_YOU").containsEntry("statusLabel", "已在您名下");
        assertThat(hidden).containsEntry("statusLabel", "已由同事保护");

        // a pool customer's name is public, its contact data is not
        String poolPhone = Processes.uniqueMobile();
        Customer pooled = new Customer(Processes.uniqueName("公海号码"), Grade.C, now);
        pooled.updateDetails(pooled.getCompanyName(), null, "联系人", poolPhone, null, "IT", "广东省深圳市", Grade.C);
        customers.save(pooled);
        Map<String, Object> poolMatch = ((List<Map<String, Object>>) check(REP_A1, Map.of("companyName",
                Processes.uniqueName("随便写的"), "phone", poolPhone)).getBody().get("matches")).get(0);
        assertThat(poolMatch).containsEntry("status", "IN_POOL").containsEntry("companyName", pooled.getCompanyName())
                .containsEntry("reasonsHidden", true).doesNotContainKeys("reasons", "score");
    }

    /** The 61st check of a minute is refused (429, Chinese message, Retry-After) and audited once; others go on. */
    @Test
    void theChecksOfAUserAreLimitedPerMinute() {
        String guesser = newRep();
        String colleague = newRep();
        int perMinute = properties.rateLimit().perMinute();
        assertThat(perMinute).as("the default limit; the test profile keeps it").isEqualTo(60);
        for (int i = 0; i < perMinute; i++) {
            assertThat(check(guesser, Map.of("companyName", "限流测试" + i + "有限公司", "phone", String.format("1380013%04d", i)))
                    .getStatusCode()).as("check " + (i + 1)).isEqualTo(HttpStatus.OK);
        }
        for (int refused = 0; refused < 3; refused++) {
            ResponseEntity<Map<String, Object>> tooMany = check(guesser, Map.of("companyName", "限流测试有限公司"));
            assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(tooMany.getHeaders().getContentType().toString()).startsWith("application/json");
            assertThat(tooMany.getBody()).containsOnlyKeys("message");
            String message = (String) tooMany.getBody().get("message");
            long retryAfter = Long.parseLong(tooMany.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            assertThat(retryAfter).isBetween(1L, 60L);
            // the wait in words: "N 秒", or "1 分钟" when the 60 checks took under a second
            assertThat(message).isEqualTo("查重过于频繁（每人每分钟最多 60 次），请"
                    + (retryAfter < 60 ? " " + retryAfter + " 秒" : " 1 分钟") + "后再试");
        }
        assertThat(check(colleague, Map.of("companyName", "限流测试有限公司")).getStatusCode())
                .as("another user is not affected").isEqualTo(HttpStatus.OK);

        assertThat(limitEntries(guesser)).as("one entry for the window, not one per refused call").singleElement()
                .satisfies(e -> {
                    assertThat(e.getActor()).isEqualTo(guesser);
                    assertThat(e.getAfter()).startsWith("perMinute=60, until=");
                    assertThat(e.getReason()).startsWith("查重过于频繁");
                });
        assertThat(limitEntries(colleague)).isEmpty();
    }

    private List<AuditEntry> limitEntries(String user) {
        return audit.search(user, "USER", user, null, null, PageRequest.of(0, 50)).getContent().stream()
                .filter(e -> e.getAction().equals(DuplicateCheckRateLimit.AUDIT_ACTION)).toList();
    }

    /** A rep of team A of their own, so that this test's checks use up nobody else's limit. */
    private String newRep() {
        String id = "dedup" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        User user = identityService.newUser(id);
        user.setFirstName(id);
        user.setLastName("测试");
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, Groups.SALES);
        identityService.createMembership(id, TEAM_A);
        return id;
    }

    @Test
    void theCompanyNameIsRequired() {
        ResponseEntity<Map<String, Object>> response = check(REP_A1, Map.of("phone", "13500000000"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().toString()).contains("请填写公司名称");
    }

    @Test
    void onlyAdminsRebuildTheIndex() {
        assertThat(rest.withBasicAuth(REP_A1, PASSWORD).postForEntity("/api/duplicates/index/rebuild", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> rebuilt = rest.withBasicAuth(ADMIN, PASSWORD)
                .exchange("/api/duplicates/index/rebuild", HttpMethod.POST, null, JSON);
        assertThat(rebuilt.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) rebuilt.getBody().get("customers")).longValue()).isEqualTo(customers.count());
    }

    private ResponseEntity<Map<String, Object>> check(String user, Map<String, String> body) {
        return rest.withBasicAuth(user, PASSWORD).exchange("/api/duplicates/check", HttpMethod.POST,
                new HttpEntity<>(body), JSON);
    }
}
