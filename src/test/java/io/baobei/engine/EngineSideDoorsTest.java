package io.baobei.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.identity.RawHttp;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationVariables;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's own start and task endpoints, reached as an attacker would with nothing but a Tasklist session and
 * its XSRF token (and HTTP Basic on /engine-rest): for every activity of every process, as every role but admin,
 * start instructions, a chosen business key, skip flags and forged variables are refused — and afterwards no
 * process, registration, customer or audit entry has changed.
 */
@BaobeiWebTest
class EngineSideDoorsTest {

    private static final List<String> NON_ADMINS = List.of(REP_A1, MGR_A, REP_B1, MGR_B);
    private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
    private static final List<String> PROCESSES = List.of(RegistrationVariables.PROCESS_KEY,
            ProtectionVariables.PROCESS_KEY, io.baobei.pool.PoolClaimVariables.PROCESS_KEY,
            io.baobei.handover.HandoverVariables.PROCESS_KEY, io.baobei.extension.ExtensionVariables.PROCESS_KEY,
            io.baobei.duplicates.DuplicateScanVariables.PROCESS_KEY);

    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired RepositoryService repositoryService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;
    @Autowired io.baobei.customer.OwnershipService ownership;
    @Autowired io.baobei.support.TestIdentities identities;
    @Autowired TestRestTemplate rest;
    @LocalServerPort int port;
    private final ObjectMapper json = new ObjectMapper();

    /** A Tasklist session of {@code user} that holds its XSRF token. */
    private RawHttp session(String user) {
        RawHttp http = new RawHttp(port);
        http.login(user, PASSWORD);
        http.get(WEBAPP_ENGINE.replace("/engine/default", "/engine/"), "Accept", "application/json");
        assertThat(http.cookie("XSRF-TOKEN")).as("XSRF token of " + user).isNotNull();
        return http;
    }

    private HttpResponse<String> post(RawHttp http, String path, Object body) throws Exception {
        return http.post(path, json.writeValueAsString(body), "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"),
                "Accept", "application/json");
    }

    /** A fingerprint of everything the attacks could change. */
    private List<Object> state() {
        List<Object> state = new ArrayList<>();
        state.add(jdbc.queryForList("select ID_, ACT_ID_, BUSINESS_KEY_ from ACT_RU_EXECUTION order by ID_"));
        state.add(jdbc.queryForList("select ID_, NAME_, ASSIGNEE_ from ACT_RU_TASK order by ID_"));
        state.add(jdbc.queryForObject("select count(*) from ACT_HI_PROCINST", Long.class));
        state.add(jdbc.queryForList("select id, status, decision, decided_by, customer_id, company_name from registration order by id"));
        state.add(jdbc.queryForList("select id, status, owner, company_name from customer order by id"));
        state.add(jdbc.queryForObject("select count(*) from audit_entry where action <> 'LOGIN'", Long.class));
        return state;
    }

    @Test
    void noRoleButAdminStartsAProcessAnywhereButItsStartEventOrWithForgedData() throws Exception {
        // the victim: team B's registration waiting for review
        ProcessInstance victim = processes.submit(REP_B1, Processes.validForm(Processes.uniqueName("侧门受害")));
        Long victimId = registrations.findByProcessInstanceId(victim.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(victimId).orElseThrow().getStatus().name()));
        Map<String, RawHttp> sessions = new java.util.LinkedHashMap<>();
        NON_ADMINS.forEach(user -> sessions.put(user, session(user)));
        List<Object> before = state();

        Map<String, Object> forged = Map.of(
                RegistrationVariables.REVIEW_DECISION, Map.of("value", "APPROVE"),
                RegistrationVariables.REVIEWED_BY, Map.of("value", MGR_B),
                RegistrationVariables.REVIEWER_GROUP, Map.of("value", "sales"));
        Map<String, Object> form = new java.util.HashMap<>();
        Processes.validForm(Processes.uniqueName("侧门表单")).toVariables()
                .forEach((k, v) -> form.put(k, Map.of("value", v == null ? "" : v)));
        int attempts = 0;
        for (String key : PROCESSES) {
            ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            List<String> activities = repositoryService.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
            for (String activity : activities) {
                Map<String, Object> attack = Map.of("businessKey", victimId.toString(), "variables", forged,
                        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", activity)),
                        "skipCustomListeners", true, "skipIoMappings", true);
                Map<String, Object> after = Map.of("variables", forged,
                        "startInstructions", List.of(Map.of("type", "startAfterActivity", "activityId", activity)));
                for (var entry : sessions.entrySet()) {
                    for (Map<String, Object> body : List.of(attack, after)) {
                        HttpResponse<String> answer = post(entry.getValue(),
                                WEBAPP_ENGINE + "/process-definition/key/" + key + "/start", body);
                        assertRefused(answer, refusal(entry.getKey(), key), entry.getKey() + " " + key + " at " + activity);
                        attempts++;
                    }
                    // /engine-rest is for admins only
                    var basic = rest.withBasicAuth(entry.getKey(), PASSWORD).postForEntity(
                            "/engine-rest/process-definition/key/" + key + "/start", attack, String.class);
                    assertThat(basic.getStatusCode().value()).as(entry.getKey() + " /engine-rest " + activity).isEqualTo(403);
                    attempts++;
                }
            }
            for (var entry : sessions.entrySet()) {
                String start = WEBAPP_ENGINE + "/process-definition/key/" + key;
                // a chosen business key with a valid form, through both start endpoints
                assertRefused(post(entry.getValue(), start + "/start",
                        Map.of("businessKey", victimId.toString(), "variables", form)), refusal(entry.getKey(), key),
                        entry.getKey() + " business key");
                assertRefused(post(entry.getValue(), start + "/submit-form",
                        Map.of("businessKey", victimId.toString(), "variables", form)), refusal(entry.getKey(), key),
                        entry.getKey() + " business key (form)");
                // skip flags alone
                assertRefused(post(entry.getValue(), start + "/start",
                        Map.of("variables", form, "skipCustomListeners", true, "skipIoMappings", true,
                                "startInstructions", List.of())), 0, entry.getKey() + " skip flags");
                // forged variables beside a valid form
                Map<String, Object> withForged = new java.util.HashMap<>(form);
                withForged.putAll(forged);
                assertRefused(post(entry.getValue(), start + "/submit-form", Map.of("variables", withForged)),
                        0, entry.getKey() + " forged variables"); // 400 (unknown field) or 403 (may not start it)
                attempts += 4;
            }
        }
        assertThat(state()).as("nothing changed after " + attempts + " refused attempts").isEqualTo(before);
        assertThat(registrations.findById(victimId).orElseThrow().getStatus().name()).isEqualTo("IN_REVIEW");
    }

    @Test
    void aReviewTaskCompletedWithForgedVariablesIsRefusedAndTheDeciderIsWhoCompletedIt() throws Exception {
        ProcessInstance instance = processes.submit(REP_B1, Processes.validForm(Processes.uniqueName("伪造审核人")));
        Long id = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(id).orElseThrow().getStatus().name()));
        String taskId = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        RawHttp manager = session(MGR_B);
        assertThat(post(manager, WEBAPP_ENGINE + "/task/" + taskId + "/claim", Map.of("userId", MGR_B)).statusCode())
                .isEqualTo(204);

        // a variable the review form does not have: refused, the task stays open
        HttpResponse<String> forged = post(manager, WEBAPP_ENGINE + "/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"),
                        "reviewedBy", Map.of("value", MGR_A))));
        assertRefused(forged, 400, "forged reviewedBy");
        assertThat(forged.body()).contains("reviewedBy");
        // writing process variables around the form: refused
        assertRefused(post(manager, WEBAPP_ENGINE + "/task/" + taskId + "/variables",
                Map.of("modifications", Map.of("reviewedBy", Map.of("value", MGR_A)))), 403, "task variables");
        // a byte array where the form has text: refused
        assertRefused(post(manager, WEBAPP_ENGINE + "/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"),
                        "reviewReason", Map.of("value", "AAEC", "type", "Bytes")))), 400, "bytes");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        // the form as Tasklist sends it: accepted, and the decider is the manager who completed it
        assertThat(post(manager, WEBAPP_ENGINE + "/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE")))).statusCode()).isEqualTo(204);
        assertThat(registrations.findById(id).orElseThrow().getDecidedBy()).isEqualTo(MGR_B);
    }

    @Test
    void aFollowUpTaskCannotBeUnassignedOrHandedOnThroughTasklistsEndpoints() throws Exception {
        String rep = identities.newRep("sideUnassign", TEAM_A);
        String company = Processes.uniqueName("侧门跟进");
        var customer = new io.baobei.customer.Customer(company, io.baobei.customer.Grade.B, java.time.Instant.now());
        customer.updateDetails(company, null, "李女士", Processes.uniqueMobile(), null, "IT", "广东省", io.baobei.customer.Grade.B);
        Long customerId = ownership.importCustomer(customer,
                new io.baobei.customer.OwnershipService.ImportedOwner(rep, TEAM_A), "测试导入", "test").getId();
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(customerId.toString())
                .taskDefinitionKey("Task_FollowUp").singleResult().getId();
        RawHttp session = session(rep);
        String task = WEBAPP_ENGINE + "/task/" + taskId;

        // Tasklist's "×" (unclaim), its reset of the assignee, and the other ways of handing the task on
        assertRefused(post(session, task + "/unclaim", Map.of()), 403, "unclaim");
        assertRefused(post(session, task + "/assignee", java.util.Collections.singletonMap("userId", null)), 403, "reset");
        assertRefused(post(session, task + "/assignee", Map.of("userId", REP_A2)), 403, "assign");
        assertRefused(post(session, task + "/delegate", Map.of("userId", REP_A2)), 403, "delegate");
        assertRefused(post(session, task + "/identity-links", Map.of("groupId", "sales", "type", "candidate")), 403, "group");
        assertRefused(post(session, task + "/bpmnError", Map.of("errorCode", "x")), 403, "bpmn error");
        HttpResponse<String> answer = post(session, task + "/unclaim", Map.of());
        assertThat(json.readTree(answer.body()).path("message").asText())
                .isEqualTo(EngineEntryGuard.MODEL_ASSIGNED);

        var after = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(after.getAssignee()).isEqualTo(rep);
        assertThat(taskService.getIdentityLinksForTask(taskId)).hasSize(1);
        // and it is still in the rep's 我的任务 (assignee = current user)
        assertThat(session.get(WEBAPP_ENGINE + "/task/count?assignee=" + rep, "Accept", "application/json").body())
                .contains("\"count\":1");
    }

    @Test
    void refusalsOfTasklistFormsAreChineseClientErrors() throws Exception {
        RawHttp rep = session(REP_A1);
        Map<String, Object> form = new java.util.HashMap<>();
        Processes.validForm(Processes.uniqueName("错误信息")).toVariables()
                .forEach((k, v) -> form.put(k, Map.of("value", v == null ? "" : v)));
        form.put("phone", Map.of("value", "12345"));
        HttpResponse<String> refused = post(rep, WEBAPP_ENGINE + "/process-definition/key/"
                + RegistrationVariables.PROCESS_KEY + "/submit-form", Map.of("variables", form));
        assertRefused(refused, 400, "invalid phone");
        assertThat(json.readTree(refused.body()).path("message").asText()).contains("联系电话").doesNotContain("Cannot");
        // named by its form field, so Tasklist (custom/baobei-tasks.js) shows it under 联系电话
        assertThat(json.readTree(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("phone");
        assertThat(json.readTree(refused.body()).path("errors").get(0).path("message").asText()).contains("联系电话格式不正确");

        // Camunda's own refusals too: no Java types, no English engine text, a 4xx
        HttpResponse<String> unknown = post(rep, WEBAPP_ENGINE + "/task/no-such-task/submit-form", Map.of("variables", Map.of()));
        assertThat(unknown.statusCode()).isBetween(400, 499);
        assertRefused(unknown, 0, "unknown task");
        HttpResponse<String> restart = post(rep, WEBAPP_ENGINE + "/process-definition/key/"
                + RegistrationVariables.PROCESS_KEY + "/restart", Map.of());
        assertThat(restart.statusCode()).isBetween(400, 499);
        assertRefused(restart, 0, "restart");
    }

    @Test
    void aPostWithoutTheXsrfTokenIsRefusedAndTheSessionLives() throws Exception {
        RawHttp rep = session(REP_A1);
        HttpResponse<String> logout = rep.post("/camunda/api/admin/auth/user/default/logout", "{}", "Accept", "application/json");
        assertThat(logout.statusCode()).isEqualTo(403);
        assertThat(logout.body()).contains("刷新页面");
        HttpResponse<String> claim = rep.post(WEBAPP_ENGINE + "/task/x/claim", "{}", "X-XSRF-TOKEN", "forged");
        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(rep.get(WEBAPP_ENGINE + "/task/count", "Accept", "application/json").statusCode())
                .as("still signed in").isEqualTo(200);
        // Camunda's own login endpoint (no address throttle, no audit) is closed: everybody signs in through /login
        assertThat(post(rep, "/camunda/api/admin/auth/user/default/login/tasklist", Map.of()).statusCode()).isEqualTo(403);
        // with the token, signing out works
        assertThat(post(rep, "/camunda/api/admin/auth/user/default/logout", Map.of()).statusCode()).isEqualTo(200);
        assertThat(rep.get(WEBAPP_ENGINE + "/task/count", "Accept", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void theEngineApisHaveTheSameBodyLimitAsApiAndRejectedUrlsAre400() throws Exception {
        RawHttp rep = session(REP_A1);
        String large = "{\"variables\":{\"notes\":{\"value\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}}";
        HttpResponse<String> tooLarge = rep.post(WEBAPP_ENGINE + "/process-definition/key/"
                + RegistrationVariables.PROCESS_KEY + "/submit-form", large, "X-XSRF-TOKEN", rep.cookie("XSRF-TOKEN"));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(rest.withBasicAuth(ADMIN, PASSWORD).postForEntity("/engine-rest/message",
                new org.springframework.http.HttpEntity<>(large, jsonHeaders()), String.class).getStatusCode().value())
                .isEqualTo(413);
        assertThat(rep.get("/camunda/app/tasklist/%2e%2e/%2e%2e/api/customers").statusCode()).isEqualTo(400);
        assertThat(rep.get("/api/customers;jsessionid=x").statusCode()).isEqualTo(400);
    }

    private static org.springframework.http.HttpHeaders jsonHeaders() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return headers;
    }

    /** 403 for a process the caller may see (and start at its start event); 404 for one they may not even see. */
    private int refusal(String user, String processKey) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        return authorizationService.isUserAuthorized(user, groups, org.camunda.bpm.engine.authorization.Permissions.READ,
                org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, processKey) ? 403 : 404;
    }

    /** A 4xx ({@code status}, or any 4xx when 0) with a Chinese message and no engine or Java internals. */
    private void assertRefused(HttpResponse<String> answer, int status, String what) throws Exception {
        if (status == 0) {
            assertThat(answer.statusCode()).as(what + ": " + answer.body()).isBetween(400, 499);
        } else {
            assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(status);
        }
        String message = json.readTree(answer.body()).path("message").asText();
        assertThat(message).as(what).matches(".*\\p{IsHan}.*");
        assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("Cannot ")
                .doesNotContain("ENGINE-").doesNotContain("java.");
    }
}
