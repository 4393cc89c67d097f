package io.baobei.extension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import io.baobei.customer.OwnershipService;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 申请延期 over REST as a rep and a manager use it: ask (201), over the limits or not one's customer (409), the
 * team's manager decides (200), a decided request (409), who may not (403/404), and the lists.
 */
@BaobeiWebTest
class ExtensionApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired TestIdentities identities;
    @Autowired ExtensionRequestRepository requests;

    @Test
    void theOwnerAsksAndTheTeamsManagerApproves() {
        String rep = identities.newRep("extApi", TEAM_A);
        Long customerId = held(rep, TEAM_A, Grade.B);
        Instant until = customers.findById(customerId).orElseThrow().getProtectedUntil();

        ResponseEntity<Map<String, Object>> asked = call(rep, HttpMethod.POST, "/api/customers/" + customerId + "/extension",
                Map.of("days", 20, "reason", "客户采购流程延后"));
        assertThat(asked.getStatusCode()).as(String.valueOf(asked.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(asked.getBody()).containsEntry("status", "PENDING").containsKey("id");
        Long id = ((Number) asked.getBody().get("id")).longValue();

        // a second one while it waits: 409 in Chinese, nothing recorded
        ResponseEntity<Map<String, Object>> again = call(rep, HttpMethod.POST, "/api/customers/" + customerId + "/extension",
                Map.of("days", 5, "reason", "再申请"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("message").toString()).contains("已有一份待审批的延期申请");

        // the rep sees it among their own, the manager among those to decide
        assertThat(ids(rep, "/api/extensions")).containsExactly(id);
        assertThat(ids(MGR_A, "/api/extensions?status=PENDING&size=500")).contains(id);
        assertThat(ids(MGR_B, "/api/extensions?size=500")).doesNotContain(id);

        // the requester and another team's manager may not decide; the team's manager may
        assertThat(decide(rep, id, "APPROVE", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(decide(MGR_B, id, "APPROVE", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> rejectWithoutReason = decide(MGR_A, id, "REJECT", " ");
        assertThat(rejectWithoutReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rejectWithoutReason.getBody().toString()).contains("reason").contains("驳回时请填写原因");
        ResponseEntity<Map<String, Object>> approved = decide(MGR_A, id, "APPROVE", "同意");
        assertThat(approved.getStatusCode()).as(String.valueOf(approved.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(approved.getBody()).containsEntry("decidedBy", MGR_A);

        // decided: a second decision is a conflict
        ResponseEntity<Map<String, Object>> twice = decide(MGR_A, id, "REJECT", "改主意了");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().get("message").toString()).contains("已处理");

        // the extension itself is the asynchronous step after the decision (the job executor runs it here)
        await().atMost(Duration.ofSeconds(60)).until(() ->
                requests.findById(id).orElseThrow().getStatus() == ExtensionStatus.APPROVED);
        assertThat(customers.findById(customerId).orElseThrow().getProtectedUntil())
                .isEqualTo(until.plus(Duration.ofDays(20)));
        List<Map<String, Object>> mine = content(call(rep, HttpMethod.GET, "/api/extensions?status=APPROVED", null));
        assertThat(mine).singleElement().satisfies(e -> assertThat(e).containsEntry("status", "APPROVED")
                .containsEntry("statusLabel", "已批准").containsEntry("days", 20).containsKey("newUntil"));
    }

    @Test
    void overTheLimitsTheAnswerIsAConflictAndTheRefusalIsRecorded() {
        String rep = identities.newRep("extLimit", TEAM_A);
        Long customerId = held(rep, TEAM_A, Grade.C);

        ResponseEntity<Map<String, Object>> tooLong = call(rep, HttpMethod.POST,
                "/api/customers/" + customerId + "/extension", Map.of("days", 16, "reason", "客户需要更长时间"));

        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tooLong.getBody()).containsEntry("message", "C、D 级客户每次最多延期 15 天")
                .containsEntry("status", "REFUSED");
        Long id = ((Number) tooLong.getBody().get("id")).longValue();
        assertThat(requests.findById(id).orElseThrow().getStatus()).isEqualTo(ExtensionStatus.REFUSED);
        assertThat(ids(rep, "/api/extensions?status=REFUSED")).containsExactly(id);
        // a refused request leaves room for one within the limits
        assertThat(call(rep, HttpMethod.POST, "/api/customers/" + customerId + "/extension",
                Map.of("days", 15, "reason", "客户需要时间")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void onlyTheOwnerOfAProtectedCustomerAsks() {
        String rep = identities.newRep("extWho", TEAM_A);
        Long customerId = held(rep, TEAM_A, Grade.B);
        Map<String, Object> body = Map.of("days", 10, "reason", "客户采购流程延后");

        // a colleague and another team do not see the customer: as the customer API, 404
        assertThat(call(REP_A1, HttpMethod.POST, "/api/customers/" + customerId + "/extension", body).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(MGR_B, HttpMethod.POST, "/api/customers/" + customerId + "/extension", body).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // the team's manager and an admin see it but do not hold it
        assertThat(call(MGR_A, HttpMethod.POST, "/api/customers/" + customerId + "/extension", body).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(ADMIN, HttpMethod.POST, "/api/customers/" + customerId + "/extension", body).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // days and reason are checked field by field
        ResponseEntity<Map<String, Object>> invalid = call(rep, HttpMethod.POST,
                "/api/customers/" + customerId + "/extension", Map.of("days", "十天", "reason", ""));
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().toString()).contains("申请延期天数应为 1 到 90 之间的整数").contains("请填写申请延期的原因");
        assertThat(call(rep, HttpMethod.POST, "/api/customers/" + customerId + "/extension",
                Map.of("days", 0, "reason", "x")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // released to the pool: no longer theirs to extend
        ownership.release(customerId, rep, "客户暂无需求", null);
        ResponseEntity<Map<String, Object>> released = call(rep, HttpMethod.POST,
                "/api/customers/" + customerId + "/extension", body);
        assertThat(released.getStatusCode()).isIn(HttpStatus.CONFLICT, HttpStatus.NOT_FOUND);
        assertThat(requests.findAll()).noneMatch(r -> r.getCustomerId().equals(customerId));
    }

    @Test
    void aWonDealIsNoLongerExtendedAndTheListRefusesAnUnknownStatus() {
        String rep = identities.newRep("extDeal", TEAM_A);
        Long customerId = held(rep, TEAM_A, Grade.B);
        ownership.convert(customerId, null, new io.baobei.customer.Deal(new java.math.BigDecimal("1000.00"),
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))), "签约", rep);

        ResponseEntity<Map<String, Object>> converted = call(rep, HttpMethod.POST,
                "/api/customers/" + customerId + "/extension", Map.of("days", 10, "reason", "已成交"));
        assertThat(converted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(converted.getBody().get("message").toString()).contains("不在您的保护期中");

        ResponseEntity<Map<String, Object>> unknown = call(rep, HttpMethod.GET, "/api/extensions?status=LATER", null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("status");
        assertThat(decide(MGR_A, 99_999_999L, "APPROVE", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Long held(String owner, String team, Grade grade) {
        String name = Processes.uniqueName("佛山市延期接口");
        Customer customer = new Customer(name, grade, Instant.now());
        customer.updateDetails(name, null, "赵女士", Processes.uniqueMobile(), null, "IT", "广东省", grade);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team), "测试导入", "test")
                .getId();
    }

    private ResponseEntity<Map<String, Object>> decide(String user, Long id, String decision, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        return call(user, HttpMethod.POST, "/api/extensions/" + id + "/decision", body);
    }

    private List<Long> ids(String user, String url) {
        ResponseEntity<Map<String, Object>> page = call(user, HttpMethod.GET, url, null);
        assertThat(page.getStatusCode()).as(String.valueOf(page.getBody())).isEqualTo(HttpStatus.OK);
        return content(page).stream().map(e -> ((Number) e.get("id")).longValue()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(ResponseEntity<Map<String, Object>> page) {
        return (List<Map<String, Object>>) page.getBody().get("content");
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url, Object body) {
        return rest.withBasicAuth(user, PASSWORD).exchange(url, method, body == null ? null : new HttpEntity<>(body), JSON);
    }
}
