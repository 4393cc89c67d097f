package io.baobei.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.baobei.common.DisplayTimes;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The /api/registrations contract as integrations use it, over real HTTP with Basic authentication. */
@BaobeiWebTest
class RegistrationApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;
    @Autowired TestIdentities identities;
    @Autowired io.baobei.identity.IdentityBootstrap bootstrap;
    @Autowired org.camunda.bpm.engine.ManagementService managementService;

    @Test
    void aRepRegistersAndTheTeamManagerApprovesFromAnotherSystem() {
        String company = Processes.uniqueName("深圳市接口测试");
        ResponseEntity<Map<String, Object>> created = call(REP_A1, HttpMethod.POST, "/api/registrations", body(company));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).containsEntry("status", "CHECKING").containsKeys("id", "processInstanceId");
        String url = "/api/registrations/" + created.getBody().get("id");
        assertThat(created.getHeaders().getLocation()).hasPath(url);

        awaitStatus(REP_A1, url, "IN_REVIEW");
        Map<String, Object> seen = call(REP_A1, HttpMethod.GET, url, null).getBody();
        assertThat(seen).containsEntry("verdict", "CLEAR").containsEntry("companyName", company)
                .containsEntry("phone", "13900001111").containsEntry("submitter", REP_A1);

        // nobody but a manager of the submitter's team may decide
        assertThat(call(REP_A1, HttpMethod.POST, url + "/decision", Map.of("decision", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(MGR_B, HttpMethod.POST, url + "/decision", Map.of("decision", "APPROVE")).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> missingReason = call(MGR_A, HttpMethod.POST, url + "/decision",
                Map.of("decision", "REJECT"));
        assertThat(missingReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missingReason.getBody().toString()).contains("请填写原因");

        ResponseEntity<Map<String, Object>> approved = call(MGR_A, HttpMethod.POST, url + "/decision",
                Map.of("decision", "APPROVE"));
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        awaitStatus(REP_A1, url, "APPROVED");

        Map<String, Object> registration = call(MGR_A, HttpMethod.GET, url, null).getBody();
        assertThat(registration).containsEntry("decidedBy", MGR_A).containsKey("customerId");
        ResponseEntity<Map<String, Object>> decideAgain = call(MGR_A, HttpMethod.POST, url + "/decision",
                Map.of("decision", "APPROVE"));
        assertThat(decideAgain.getStatusCode()).as("no review pending").isEqualTo(HttpStatus.CONFLICT);

        String customerUrl = "/api/customers/" + registration.get("customerId");
        Map<String, Object> customer = call(REP_A1, HttpMethod.GET, customerUrl, null).getBody();
        assertThat(customer).containsEntry("owner", REP_A1).containsEntry("status", "PROTECTED")
                .containsKeys("protectedUntil", "nextFollowUpDue");
        assertThat(call(REP_A1, HttpMethod.GET, customerUrl + "/follow-ups", null, List.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // colleagues and other teams see nothing of it
        assertNoData(call(REP_A2, HttpMethod.GET, customerUrl, null));
        assertNoData(call(REP_B1, HttpMethod.GET, customerUrl, null));
        assertNoData(call(MGR_B, HttpMethod.GET, customerUrl, null));
        assertNoData(call(REP_A2, HttpMethod.GET, url, null));
        assertNoData(call(REP_B1, HttpMethod.GET, customerUrl + "/follow-ups", null));
        assertThat(call(ADMIN, HttpMethod.GET, customerUrl, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void invalidInputAnswers400WithAChineseMessagePerField() {
        Map<String, Object> bad = body("");
        bad.put("phone", "12345");
        bad.put("grade", "Z");
        ResponseEntity<Map<String, Object>> response = call(REP_A1, HttpMethod.POST, "/api/registrations", bad);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) response.getBody().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("companyName", "phone", "grade");
        assertThat(errors).extracting(e -> e.get("message")).allSatisfy(m -> assertThat(m).isNotBlank())
                .anySatisfy(m -> assertThat(m).contains("联系电话格式不正确"));
    }

    @Test
    void registeringOnesOwnCustomerAnswers409WithTheCustomer() {
        String company = Processes.uniqueName("深圳市本人客户");
        Instant now = Instant.now(clock);
        Customer own = new Customer(company, Grade.B, now);
        own.updateDetails(company, null, "本人联系人", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        io.baobei.customer.TestCustomers.protect(own, REP_A1, TEAM_A, now, now.plus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(7)));
        own = customers.save(own);

        Map<String, Object> again = body(" " + company.replace("有限公司", "（有限公司）"));
        again.put("phone", Processes.uniqueMobile()); // body()'s phone is one of REP_A1's customers already
        ResponseEntity<Map<String, Object>> refused = call(REP_A1, HttpMethod.POST, "/api/registrations", again);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("message", "该客户已在您名下：" + company + "（保护期至 "
                + DisplayTimes.day(own.getProtectedUntil(), clock) + "），无需再次报备")
                .containsEntry("customerId", own.getId().intValue());
        // a colleague registering it is not told whose it is here: that goes the normal way (查重 → 撞单)
        Map<String, Object> colleagues = body(company);
        colleagues.put("phone", Processes.uniqueMobile());
        assertThat(call(REP_A2, HttpMethod.POST, "/api/registrations", colleagues).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    /** An integration copies the industry as people read it (from the form or an import sheet): it is stored as its code. */
    @Test
    void theIndustryMayBeItsChineseLabelOrItsCodeInAnyCase() {
        for (Map.Entry<String, String> sent : Map.of("物流/运输", "LOGISTICS", "healthcare", "HEALTHCARE").entrySet()) {
            Map<String, Object> request = body(Processes.uniqueName("深圳市行业标签"));
            request.put("phone", Processes.uniqueMobile());
            request.put("industry", sent.getKey());
            ResponseEntity<Map<String, Object>> created = call(REP_A1, HttpMethod.POST, "/api/registrations", request);

            assertThat(created.getStatusCode()).as(sent.getKey()).isEqualTo(HttpStatus.CREATED);
            assertThat(call(REP_A1, HttpMethod.GET, "/api/registrations/" + created.getBody().get("id"), null).getBody())
                    .containsEntry("industry", sent.getValue());
        }
        Map<String, Object> unknown = body(Processes.uniqueName("深圳市行业标签"));
        unknown.put("industry", "采矿业");
        ResponseEntity<Map<String, Object>> refused = call(REP_A1, HttpMethod.POST, "/api/registrations", unknown);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors"))
                .isEqualTo(List.of(Map.of("field", "industry", "message", "所属行业不在可选范围内")));
    }

    @Test
    void malformedJsonAnswers400() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map<String, Object>> response = rest.withBasicAuth(REP_A1, PASSWORD).exchange(
                "/api/registrations", HttpMethod.POST, new HttpEntity<>("{\"companyName\": ", headers), JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().toString()).contains("不是有效的 JSON");
    }

    @Test
    void fieldsAClientMustNotSetAreIgnored() {
        Map<String, Object> sneaky = body(Processes.uniqueName("广州市越权测试"));
        sneaky.put("status", "APPROVED");
        sneaky.put("submitter", REP_B1);
        sneaky.put("owner", REP_B1);
        ResponseEntity<Map<String, Object>> created = call(REP_A1, HttpMethod.POST, "/api/registrations", sneaky);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> stored = call(REP_A1, HttpMethod.GET, "/api/registrations/" + created.getBody().get("id"), null).getBody();
        assertThat(stored).containsEntry("submitter", REP_A1).doesNotContainEntry("status", "APPROVED");
    }

    @Test
    void managersCannotStartRegistrationsAndAnonymousCallersAreChallenged() {
        assertThat(call(MGR_A, HttpMethod.POST, "/api/registrations", body(Processes.uniqueName("经理报备"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/registrations", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // an unknown user: a wrong password for a real one would trip Camunda's login delay for later tests
        assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/api/registrations", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void listsAreScopedToTheCaller() {
        String mine = Processes.uniqueName("列表测试甲");
        String theirs = Processes.uniqueName("列表测试乙");
        call(REP_A2, HttpMethod.POST, "/api/registrations", body(mine));
        call(REP_B1, HttpMethod.POST, "/api/registrations", body(theirs));

        assertThat(listedNames(REP_A2)).contains(mine).doesNotContain(theirs);
        assertThat(listedNames(REP_B1)).contains(theirs).doesNotContain(mine);
        assertThat(listedNames(MGR_A)).contains(mine).doesNotContain(theirs);
        assertThat(listedNames(ADMIN)).contains(mine, theirs);
    }

    @SuppressWarnings("unchecked")
    private List<Object> listedNames(String user) {
        Map<String, Object> page = call(user, HttpMethod.GET, "/api/registrations?size=200", null).getBody();
        return ((List<Map<String, Object>>) page.get("content")).stream().map(r -> r.get("companyName")).map(Object.class::cast).toList();
    }

    @Test
    void theApiShowsWhetherARegistrationWasSubmittedInTimeAfterTheFirstContact() {
        Map<String, Object> lateBody = body(Processes.uniqueName("深圳市逾期报备"));
        lateBody.put("phone", Processes.uniqueMobile());
        // five days ago: the 24 hours after the end of that day are long over
        lateBody.put("firstContactDate", LocalDate.now(clock).minusDays(5).toString());
        ResponseEntity<Map<String, Object>> late = call(REP_A1, HttpMethod.POST, "/api/registrations", lateBody);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> lateSeen = call(REP_A1, HttpMethod.GET, "/api/registrations/" + late.getBody().get("id"),
                null).getBody();
        assertThat(lateSeen).containsEntry("late", true).containsEntry("reportingLimitHours", 24);
        // from the end of the first-contact day (the midnight four days before today's) until now
        assertThat((Integer) lateSeen.get("lateHours")).isBetween(96, 119);

        Map<String, Object> onTimeBody = body(Processes.uniqueName("深圳市按时报备"));
        onTimeBody.put("phone", Processes.uniqueMobile());
        onTimeBody.put("firstContactDate", LocalDate.now(clock).toString());
        ResponseEntity<Map<String, Object>> onTime = call(REP_A1, HttpMethod.POST, "/api/registrations", onTimeBody);
        assertThat(onTime.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(call(MGR_A, HttpMethod.GET, "/api/registrations/" + onTime.getBody().get("id"), null).getBody())
                .containsEntry("late", false).containsEntry("lateHours", 0).containsEntry("reportingLimitHours", 24);
    }

    @Test
    void aDirectorDecidesAnEscalatedReviewThroughTheApiButNotBeforeTheEscalation() {
        bootstrap.ensureGroup(io.baobei.identity.Groups.SALES_DIRECTORS, "销售总监", io.baobei.identity.Groups.TYPE_ROLE);
        String director = "apidir" + Long.toString(System.nanoTime(), 36);
        identities.person(director, "周", "总", io.baobei.identity.Groups.SALES_DIRECTORS);
        Map<String, Object> request = body(Processes.uniqueName("深圳市总监审核"));
        request.put("phone", Processes.uniqueMobile());
        ResponseEntity<Map<String, Object>> created = call(REP_A1, HttpMethod.POST, "/api/registrations", request);
        String url = "/api/registrations/" + created.getBody().get("id");
        awaitStatus(REP_A1, url, "IN_REVIEW");
        assertThat(call(director, HttpMethod.GET, url, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(director, HttpMethod.POST, url + "/decision", Map.of("decision", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // the review's deadline passes: its timer fires, the job executor runs Task_EscalateReview
        String processInstanceId = (String) created.getBody().get("processInstanceId");
        var timer = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId("BoundaryEvent_ReviewOverdue").singleResult();
        managementService.executeJob(timer.getId());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> call(director, HttpMethod.GET, url, null).getStatusCode() == HttpStatus.OK);
        assertThat(call(director, HttpMethod.GET, url, null).getBody()).containsKey("reviewEscalatedAt");

        assertThat(call(director, HttpMethod.POST, url + "/decision", Map.of("decision", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        awaitStatus(REP_A1, url, "APPROVED");
        assertThat(call(REP_A1, HttpMethod.GET, url, null).getBody()).containsEntry("decidedBy", director);
    }

    private void awaitStatus(String user, String url, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(call(user, HttpMethod.GET, url, null).getBody().get("status")));
    }

    private static void assertNoData(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).doesNotContainKeys("companyName", "phone", "owner", "contactName");
    }

    static Map<String, Object> body(String company) {
        Map<String, Object> body = new HashMap<>();
        body.put("companyName", company);
        body.put("contactName", "接口联系人");
        body.put("phone", "139-0000-1111");
        body.put("industry", "IT");
        body.put("region", "广东省深圳市");
        body.put("grade", "B");
        body.put("firstContactDate", LocalDate.now().toString());
        body.put("notes", "来自官网表单");
        return body;
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url, Object body) {
        return rest.withBasicAuth(user, TestIdentities.PASSWORD).exchange(url, method,
                body == null ? null : new HttpEntity<>(body), JSON);
    }

    private <T> ResponseEntity<T> call(String user, HttpMethod method, String url, Object body, Class<T> type) {
        return rest.withBasicAuth(user, TestIdentities.PASSWORD).exchange(url, method,
                body == null ? null : new HttpEntity<>(body), type);
    }
}
