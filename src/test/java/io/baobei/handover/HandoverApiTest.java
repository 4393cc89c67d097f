package io.baobei.handover;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/handovers and GET /api/handovers/{id} as scripts reach them: who may hand over whom (403, 404, 400), the
 * preview's numbers, and a handover that answers 202 and then, with the job executor running, DONE or PARTIAL with
 * each customer that did not move and why.
 */
@BaobeiWebTest
class HandoverApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired OwnershipService ownership;
    @Autowired TestIdentities identities;

    @Test
    void onlyTheTeamsManagersAndAdminsHandOverAndOnlyToTheTeam() {
        String leaver = identities.newRep("apiScope", TEAM_A);
        String receiver = identities.newRep("apiScopeTo", TEAM_A);
        String outside = identities.newRep("apiScopeB", TEAM_B);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 1);

        assertThat(post(REP_A1, body(leaver, "ONE", List.of(receiver), true)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(MGR_B, body(leaver, "ONE", List.of(receiver), true)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(MGR_A, body("nobody" + System.nanoTime(), "POOL", List.of(), true)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> foreign = post(MGR_A, body(leaver, "EVEN", List.of(receiver, outside), true));
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(foreign.getBody().toString()).contains("不在您管理的团队中");
        ResponseEntity<Map<String, Object>> noMode = post(MGR_A, body(leaver, "HALF", List.of(receiver), true));
        assertThat(noMode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noMode.getBody().toString()).contains("分配方式应为");
        // an admin may hand over to another team
        assertThat(post(ADMIN, body(leaver, "ONE", List.of(outside), true)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ownership.heldBy(leaver)).as("a preview changes nothing").hasSize(1);

        ResponseEntity<Map<String, Object>> started = post(MGR_A, body(leaver, "ONE", List.of(receiver), false));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String url = "/api/handovers/" + started.getBody().get("id");
        assertThat(get(MGR_B, url).getStatusCode()).as("another team's manager").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(REP_A1, url).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(awaitFinished(ADMIN, url)).containsEntry("state", "DONE");
    }

    @Test
    void thePreviewCountsCustomersPerReceiverTheOpenTasksAndWhoWouldBeOverQuota() {
        String leaver = identities.newRep("apiPrev", TEAM_A);
        String first = identities.newRep("apiPrevTo1", TEAM_A);
        String full = identities.newRep("apiPrevFull", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 5);
        TestCustomers.protectFor(ownership, full, TEAM_A, 49);

        ResponseEntity<Map<String, Object>> preview = post(MGR_A, body(leaver, "EVEN", List.of(first, full), true));

        assertThat(preview.getStatusCode()).as(String.valueOf(preview.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(preview.getBody()).containsEntry("customers", 5)
                .containsEntry("perReceiver", Map.of(first, 3, full, 2));
        assertThat((List<Map<String, Object>>) preview.getBody().get("openTasks")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("task", "客户跟进").containsEntry("count", 5));
        assertThat((List<Map<String, Object>>) preview.getBody().get("overQuota")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("receiver", full).containsEntry("used", 49)
                        .containsEntry("max", 50).containsEntry("assigned", 2).containsEntry("notMoved", 1));
    }

    @Test
    void aHandoverAnswers202AndEndsPartialWithEachCustomerThatDidNotMoveAndWhy() {
        String leaver = identities.newRep("apiPart", TEAM_A);
        String full = identities.newRep("apiPartFull", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 2);
        TestCustomers.protectFor(ownership, full, TEAM_A, 49);

        ResponseEntity<Map<String, Object>> started = post(MGR_A, body(leaver, "ONE", List.of(full), false));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> result = awaitFinished(MGR_A, "/api/handovers/" + started.getBody().get("id"));
        assertThat(result).containsEntry("state", "PARTIAL").containsEntry("moved", 1).containsEntry("total", 2);
        assertThat((List<Map<String, Object>>) result.get("notMoved")).singleElement().satisfies(n -> {
            assertThat(n.get("customerId")).isNotNull();
            assertThat((String) n.get("reason")).contains("已达保有量上限");
        });
        assertThat(ownership.heldBy(leaver)).hasSize(1);
        assertThat(ownership.heldBy(full)).hasSize(50);
    }

    private Map<String, Object> awaitFinished(String user, String url) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            ResponseEntity<Map<String, Object>> answer = get(user, url);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            if (!"RUNNING".equals(answer.getBody().get("state"))) {
                return answer.getBody();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the handover did not finish: " + get(user, url).getBody());
    }

    private static Map<String, Object> body(String fromUser, String mode, List<String> receivers, boolean preview) {
        Map<String, Object> body = new HashMap<>();
        body.put("fromUser", fromUser);
        body.put("mode", mode);
        body.put("receivers", receivers);
        body.put("overrideQuota", false);
        body.put("disableUser", false);
        body.put("preview", preview);
        return body;
    }

    private ResponseEntity<Map<String, Object>> post(String user, Object body) {
        return rest.withBasicAuth(user, TestIdentities.PASSWORD).exchange("/api/handovers", HttpMethod.POST,
                new HttpEntity<>(body), JSON);
    }

    private ResponseEntity<Map<String, Object>> get(String user, String url) {
        return rest.withBasicAuth(user, TestIdentities.PASSWORD).exchange(url, HttpMethod.GET, null, JSON);
    }
}
