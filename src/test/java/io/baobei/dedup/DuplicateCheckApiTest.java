package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.support.BaobeiWebTest;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/duplicates/check: the verdict for everyone, the details only for those who may see them. */
@BaobeiWebTest
class DuplicateCheckApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;

    @Test
    @SuppressWarnings("unchecked")
    void aRepLearnsThatAColleagueHoldsItButNotWhat() {
        String name = "宁波港湾" + UUID.randomUUID().toString().substring(0, 5) + "物流有限公司";
        Instant now = Instant.now(clock);
        Customer held = new Customer(name, Grade.A, now);
        held.updateDetails(name, null, "秘密联系人", "13566667777", null, "LOGISTICS",
                "浙江省宁波市", Grade.A);
        held.protectFor(REP_B1, TEAM_B, now, now.plus(Duration.ofDays(60)), now.plus(Duration.ofDays(7)));
        held = customers.save(held);
        String variant = name.replace("宁波", "") .replace("有限公司", "（宁波）有限公司");

        Map<String, Object> asRep = check(REP_A1, Map.of("companyName", variant)).getBody();
        assertThat(asRep).containsEntry("verdict", "CONFLICT");
        Map<String, Object> match = ((List<Map<String, Object>>) asRep.get("matches")).get(0);
        assertThat(match).containsEntry("status", "OWNED_BY_OTHER").containsEntry("team", "测试乙组")
                .containsKey("since").doesNotContainKeys("companyName", "customerId");
        assertThat(match.get("reasons").toString()).contains("NAME_CORE");
        assertThat(asRep.toString()).doesNotContain(name).doesNotContain("秘密联系人").doesNotContain("13566667777");

        Map<String, Object> asManager = check(MGR_B, Map.of("companyName", variant)).getBody();
        Map<String, Object> seen = ((List<Map<String, Object>>) asManager.get("matches")).get(0);
        assertThat(seen).containsEntry("companyName", name).containsEntry("customerId", held.getId().intValue());

        Map<String, Object> byPhone = check(REP_A1, Map.of("companyName", "完全不同的名字", "phone", "+86 135-6666-7777")).getBody();
        assertThat(byPhone).containsEntry("verdict", "CONFLICT");
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
