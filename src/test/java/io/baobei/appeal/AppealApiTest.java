package io.baobei.appeal;

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
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The appeal endpoints as integrations use them, over real HTTP with Basic authentication. */
@BaobeiWebTest
class AppealApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired Processes processes;

    @Test
    void theSubmitterAppealsAConflictAndTheTeamManagerDecidesIt() {
        String company = Processes.uniqueName("深圳市申诉接口");
        Long customerId = held(company, REP_A2, TEAM_A);
        Long registrationId = conflictOf(REP_A1, company);
        String url = "/api/registrations/" + registrationId;

        // only the submitter appeals; a reason is required
        assertThat(call(REP_A2, HttpMethod.POST, url + "/appeal", Map.of("reason", "抢单")).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(call(MGR_A, HttpMethod.POST, url + "/appeal", Map.of("reason", "代提")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> noReason = call(REP_A1, HttpMethod.POST, url + "/appeal",
                Map.of("evidence", "https://example.com/x"));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().toString()).contains("reason").contains("请填写申诉理由");

        ResponseEntity<Map<String, Object>> filed = call(REP_A1, HttpMethod.POST, url + "/appeal",
                Map.of("reason", "我上周已拜访", "evidence", "拜访照片：https://example.com/visit"));
        assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(filed.getBody()).containsEntry("status", "APPEALING").containsKey("appealId");
        Object appealId = filed.getBody().get("appealId");
        assertThat(call(REP_A1, HttpMethod.GET, url, null).getBody()).containsEntry("status", "APPEALING");
        // appealing twice: not appealable any more
        assertThat(call(REP_A1, HttpMethod.POST, url + "/appeal", Map.of("reason", "再来一次")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // scoped lists: the appellant and the team's manager see it, the other team's manager does not
        assertThat(ids(REP_A1, "OPEN")).contains(appealId);
        assertThat(ids(MGR_A, "OPEN")).contains(appealId);
        assertThat(ids(MGR_B, "OPEN")).doesNotContain(appealId);
        assertThat(ids(REP_A2, "OPEN")).doesNotContain(appealId);
        assertThat(ids(ADMIN, "OPEN")).contains(appealId);
        assertThat(call(REP_A1, HttpMethod.GET, "/api/appeals?status=MAYBE", null).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        String decision = "/api/appeals/" + appealId + "/decision";
        Map<String, Object> transfer = Map.of("outcome", "TRANSFER", "reason", "拜访记录在先");
        // the appellant, the owner, another team's manager: 403
        assertThat(call(REP_A1, HttpMethod.POST, decision, transfer).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(REP_A2, HttpMethod.POST, decision, transfer).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(MGR_B, HttpMethod.POST, decision, transfer).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(MGR_A, HttpMethod.POST, decision, Map.of("outcome", "MAYBE", "reason", "x")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<Map<String, Object>> decided = call(MGR_A, HttpMethod.POST, decision, transfer);
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(decided.getBody()).containsEntry("status", "DECIDED").containsEntry("outcome", "TRANSFER");
        assertThat(customers.findById(customerId).orElseThrow().getOwner()).isEqualTo(REP_A1);
        assertThat(call(REP_A1, HttpMethod.GET, url, null).getBody()).containsEntry("status", "APPROVED")
                .containsEntry("customerId", customerId.intValue());
        assertThat(ids(REP_A1, "DECIDED")).contains(appealId);
        assertThat(ids(REP_A1, "OPEN")).doesNotContain(appealId);

        // decided already
        assertThat(call(MGR_A, HttpMethod.POST, decision, transfer).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aRegistrationThatIsNotInConflictOrRejectedAsADuplicateIsNotAppealable() {
        var instance = processes.submit(REP_A1, Processes.validForm(Processes.uniqueName("深圳市不可申诉")));
        Long registrationId = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(registrationId).orElseThrow().getStatus().name()));

        ResponseEntity<Map<String, Object>> refused = call(REP_A1, HttpMethod.POST,
                "/api/registrations/" + registrationId + "/appeal", Map.of("reason", "不服"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("message").toString()).contains("不能申诉");
        assertThat(call(REP_A1, HttpMethod.POST, "/api/registrations/99999999/appeal", Map.of("reason", "x"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(MGR_A, HttpMethod.POST, "/api/appeals/99999999/decision",
                Map.of("outcome", "DISMISS", "reason", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private Long held(String company, String owner, String team) {
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "另一位联系人", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team), "测试导入", "test")
                .getId();
    }

    private Long conflictOf(String rep, String company) {
        var instance = processes.submit(rep, Processes.validForm(company));
        Long id = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFLICT".equals(
                registrations.findById(id).orElseThrow().getStatus().name()));
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Object> ids(String user, String status) {
        ResponseEntity<Map<String, Object>> page = call(user, HttpMethod.GET, "/api/appeals?size=200&status=" + status,
                null);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) page.getBody().get("content")).stream().map(a -> a.get("id")).toList();
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url, Object body) {
        return rest.withBasicAuth(user, TestIdentities.PASSWORD).exchange(url, method,
                body == null ? null : new HttpEntity<>(body), JSON);
    }
}
