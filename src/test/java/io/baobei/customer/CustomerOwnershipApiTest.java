package io.baobei.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Release and transfer over REST: the owner releases, a manager transfers within their teams (an admin across
 * teams), the receiver's quota holds unless the manager overrides it, and the history shows every change to those
 * who may see the customer.
 */
@BaobeiWebTest
class CustomerOwnershipApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired TestIdentities identities;
    @Autowired TaskService taskService;
    @Autowired Clock clock;
    @Autowired Notifications notifications;

    @Test
    void onlyTheOwnerReleasesACustomerAndItGoesBackToThePool() {
        String owner = identities.newRep("relOwner", TEAM_A);
        Customer held = held(owner, TEAM_A);
        String url = "/api/customers/" + held.getId() + "/release";
        Map<String, Object> why = Map.of("reason", "客户暂无需求");

        assertNoData(call(REP_A2, HttpMethod.POST, url, why), HttpStatus.NOT_FOUND, held);
        assertNoData(call(REP_B1, HttpMethod.POST, url, why), HttpStatus.NOT_FOUND, held);
        assertThat(call(MGR_A, HttpMethod.POST, url, why).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> noReason = call(owner, HttpMethod.POST, url, Map.of());
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().toString()).contains("请填写释放原因");
        assertThat(customers.findById(held.getId()).orElseThrow().getOwner()).isEqualTo(owner);

        ResponseEntity<Map<String, Object>> released = call(owner, HttpMethod.POST, url, why);

        assertThat(released.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(released.getBody()).containsEntry("status", "POOL").doesNotContainKeys("owner", "phone");
        Customer after = customers.findById(held.getId()).orElseThrow();
        assertThat(after.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(after.getOwner()).isNull();
        assertThat(after.getPoolReason()).isEqualTo(OwnershipAction.RELEASED);
        assertThat(after.getClaimableFrom()).isAfter(Instant.now(clock));
        assertThat(taskService.createTaskQuery().processInstanceId(held.getProtectionProcessInstanceId()).count())
                .as("the follow-up task ends with the protection").isZero();
        // released once: a second release finds nothing of the owner's to release
        assertThat(call(owner, HttpMethod.POST, url, why).getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
    }

    @Test
    void theTeamsManagerTransfersWithinTheTeamAndTheFollowUpTaskMovesAtOnce() {
        String from = identities.newRep("xferFrom", TEAM_A);
        String to = identities.newRep("xferTo", TEAM_A);
        Customer held = customers.findById(held(from, TEAM_A).getId()).orElseThrow(); // as stored
        Task before = followUp(held);
        assertThat(before.getAssignee()).isEqualTo(from);

        ResponseEntity<Map<String, Object>> moved = call(MGR_A, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", to, "reason", "原销售调岗"));

        assertThat(moved.getStatusCode()).as(String.valueOf(moved.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(moved.getBody()).containsEntry("owner", to).containsEntry("status", "PROTECTED");
        Task after = followUp(held);
        assertThat(after.getId()).as("the same task, the clocks keep running").isEqualTo(before.getId());
        assertThat(after.getAssignee()).isEqualTo(to);
        assertThat(after.getDueDate()).isEqualTo(before.getDueDate());
        Customer customer = customers.findById(held.getId()).orElseThrow();
        assertThat(customer.getProtectedUntil()).isEqualTo(held.getProtectedUntil());
        assertThat(customer.getProtectionProcessInstanceId()).isEqualTo(held.getProtectionProcessInstanceId());
        // the new owner sees it with its contact data, the old one no longer
        assertThat(call(to, HttpMethod.GET, "/api/customers/" + held.getId(), null).getBody())
                .containsEntry("contactName", "王先生");
        assertNoData(call(from, HttpMethod.GET, "/api/customers/" + held.getId(), null), HttpStatus.NOT_FOUND, held);
        // the receiver hears of it, linked to the follow-up task now theirs, without contact data; nobody else does
        assertThat(notifications.of(to, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CUSTOMER_TRANSFERRED);
            assertThat(n.title()).contains(held.getCompanyName());
            assertThat(n.body()).contains(MGR_A + "测试").contains(from + "测试").contains("原销售调岗")
                    .doesNotContain("王先生").doesNotContain(held.getPhone());
            assertThat(n.taskId()).isEqualTo(after.getId());
        });
        assertThat(notifications.of(from, 0, 10).getContent()).isEmpty();
    }

    @Test
    void aReceiverAtTheQuotaIsRefusedUnlessTheManagerOverridesItAndThatIsRecorded() {
        String from = identities.newRep("quotaFrom", TEAM_A);
        String full = identities.newRep("quotaFull", TEAM_A);
        for (int i = 0; i < 50; i++) {
            held(full, TEAM_A);
        }
        Customer held = held(from, TEAM_A);

        ResponseEntity<Map<String, Object>> refused = call(MGR_A, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", full, "reason", "调整分工"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) refused.getBody().get("message")).contains("接收人 " + full + " 名下")
                .contains("已达保有量上限（50 个）").contains("超额转移").doesNotContain("您");
        assertThat(customers.findById(held.getId()).orElseThrow().getOwner()).isEqualTo(from);

        ResponseEntity<Map<String, Object>> overridden = call(MGR_A, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", full, "reason", "调整分工", "overrideQuota", true));

        assertThat(overridden.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(customers.countByOwnerAndStatus(full, CustomerStatus.PROTECTED)).isEqualTo(51);
        Map<String, Object> transfer = history(MGR_A, held).stream().filter(e -> "TRANSFERRED".equals(e.get("action")))
                .findFirst().orElseThrow();
        assertThat(transfer).containsEntry("fromOwner", from).containsEntry("toOwner", full)
                .containsEntry("actor", MGR_A);
        assertThat((String) transfer.get("reason")).contains("调整分工").contains("接收人保有量已满，由 " + MGR_A + " 超额转移");
    }

    @Test
    void whoMayTransfer() {
        String owner = identities.newRep("whoFrom", TEAM_A);
        String colleague = identities.newRep("whoTo", TEAM_A);
        String otherTeam = identities.newRep("whoB", TEAM_B);
        Customer held = held(owner, TEAM_A);
        Map<String, Object> toColleague = Map.of("toOwner", colleague, "reason", "调整分工");

        // the owner is a rep: may see the customer, may not transfer it
        assertThat(call(owner, HttpMethod.POST, transferUrl(held), toColleague).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertNoData(call(REP_A2, HttpMethod.POST, transferUrl(held), toColleague), HttpStatus.NOT_FOUND, held);
        assertNoData(call(MGR_B, HttpMethod.POST, transferUrl(held), toColleague), HttpStatus.NOT_FOUND, held);
        ResponseEntity<Map<String, Object>> acrossTeams = call(MGR_A, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", otherTeam, "reason", "调整分工"));
        assertThat(acrossTeams.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) acrossTeams.getBody().get("message")).contains("主管只能在自己管理的团队内转移客户")
                .contains("联系管理员");
        ResponseEntity<Map<String, Object>> unknown = call(MGR_A, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", "nobody-such", "reason", "调整分工"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("toOwner").contains("不存在");
        assertThat(customers.findById(held.getId()).orElseThrow().getOwner()).isEqualTo(owner);

        ResponseEntity<Map<String, Object>> byAdmin = call(ADMIN, HttpMethod.POST, transferUrl(held),
                Map.of("toOwner", otherTeam, "reason", "跨团队调整"));

        assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.OK);
        Customer after = customers.findById(held.getId()).orElseThrow();
        assertThat(after.getOwner()).isEqualTo(otherTeam);
        assertThat(after.getOwnerTeam()).isEqualTo(TEAM_B);
        assertThat(followUp(held).getAssignee()).isEqualTo(otherTeam);
        // now team B's: team A's manager no longer reaches it
        assertNoData(call(MGR_A, HttpMethod.POST, transferUrl(held), toColleague), HttpStatus.NOT_FOUND, held);
    }

    @Test
    void theHistoryShowsEveryChangeToOwnerManagerAndAdminOnly() {
        String first = identities.newRep("histFirst", TEAM_A);
        String second = identities.newRep("histSecond", TEAM_A);
        Customer held = held(first, TEAM_A);
        assertThat(call(MGR_A, HttpMethod.POST, transferUrl(held), Map.of("toOwner", second, "reason", "休假交接"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(second, HttpMethod.POST, "/api/customers/" + held.getId() + "/release",
                Map.of("reason", "客户已注销")).getStatusCode()).isEqualTo(HttpStatus.OK);
        Customer pooled = customers.findById(held.getId()).orElseThrow();
        assertThat(pooled.getStatus()).isEqualTo(CustomerStatus.POOL);
        // a second customer, held and transferred: in the team's scope
        Customer again = held(first, TEAM_A);
        assertThat(call(MGR_A, HttpMethod.POST, transferUrl(again), Map.of("toOwner", second, "reason", "休假交接"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        List<Map<String, Object>> seen = history(second, again);
        assertThat(seen).extracting(e -> e.get("action")).containsExactly("IMPORTED", "TRANSFERRED");
        assertThat(seen.get(1)).containsEntry("fromOwner", first).containsEntry("toOwner", second)
                .containsEntry("actionLabel", "转移").containsEntry("actor", MGR_A)
                .containsEntry("fromStatus", "PROTECTED").containsEntry("toStatus", "PROTECTED");
        assertThat((String) seen.get(1).get("reason")).contains("休假交接");
        assertThat(history(MGR_A, again)).hasSize(2);
        assertThat(history(ADMIN, again)).hasSize(2);
        for (String outsider : List.of(first, REP_A2, REP_B1, MGR_B)) {
            ResponseEntity<String> denied = rest.withBasicAuth(outsider, PASSWORD).getForEntity(
                    "/api/customers/" + again.getId() + "/history", String.class);
            assertThat(denied.getStatusCode()).as(outsider).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(String.valueOf(denied.getBody())).doesNotContain(second).doesNotContain("休假交接");
        }
        // a customer in the pool has no owner or team: its history is the admin's to read
        List<Map<String, Object>> released = history(ADMIN, pooled);
        assertThat(released).extracting(e -> e.get("action")).containsExactly("IMPORTED", "TRANSFERRED", "RELEASED");
        assertThat(released.get(2)).containsEntry("fromOwner", second).containsEntry("toStatus", "POOL");
        assertThat((String) released.get(2).get("reason")).contains("客户已注销");
    }

    @Test
    void aWonCustomerShowsItsDealToThoseWhoMaySeeItAndTheHistoryRecordsIt() {
        String owner = identities.newRep("dealOwner", TEAM_A);
        Customer held = held(owner, TEAM_A);
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        // one rule for the form and the core: a deal signed before the protection began is refused here too
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ownership.convert(held.getId(), null,
                        new Deal(new java.math.BigDecimal("1000"), today.minusDays(400)), null, owner))
                .isInstanceOf(io.baobei.common.InvalidInputException.class)
                .hasMessageContaining("签约日期不能早于保护期开始日期");
        assertThat(customers.findById(held.getId()).orElseThrow().getStatus()).isEqualTo(CustomerStatus.PROTECTED);

        ownership.convert(held.getId(), null, new Deal(new java.math.BigDecimal("256000.8"), today), "年度合同", owner);

        for (String reader : List.of(owner, MGR_A, ADMIN)) {
            Map<String, Object> shown = call(reader, HttpMethod.GET, "/api/customers/" + held.getId(), null).getBody();
            assertThat(shown).as(reader).containsEntry("status", "CONVERTED")
                    .containsEntry("dealSignedOn", today.toString());
            assertThat(String.valueOf(shown.get("dealAmount"))).as(reader).isEqualTo("256000.8");
        }
        assertNoData(call(REP_A2, HttpMethod.GET, "/api/customers/" + held.getId(), null), HttpStatus.NOT_FOUND, held);
        assertThat(history(owner, held)).last().satisfies(event -> {
            assertThat(event).containsEntry("action", "CONVERTED").containsEntry("actor", owner);
            assertThat((String) event.get("reason")).isEqualTo("成交金额 256000.80 元，签约日期 " + today + "；年度合同");
        });
        assertThat(taskService.createTaskQuery().processInstanceId(held.getProtectionProcessInstanceId()).count())
                .as("the follow-up task ends with the protection").isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A customer held by {@code owner}, with its protection process and open follow-up task (an import). */
    private Customer held(String owner, String team) {
        String name = Processes.uniqueName("深圳市归属接口");
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team), "测试数据", "test");
    }

    private Task followUp(Customer customer) {
        return taskService.createTaskQuery().processInstanceId(customer.getProtectionProcessInstanceId())
                .taskDefinitionKey(ProtectionVariables.FOLLOW_UP_TASK).singleResult();
    }

    private static String transferUrl(Customer customer) {
        return "/api/customers/" + customer.getId() + "/transfer";
    }

    private List<Map<String, Object>> history(String user, Customer customer) {
        ResponseEntity<List<Map<String, Object>>> answer = rest.withBasicAuth(user, PASSWORD).exchange(
                "/api/customers/" + customer.getId() + "/history", HttpMethod.GET, null, LIST);
        assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static void assertNoData(ResponseEntity<Map<String, Object>> response, HttpStatus status, Customer customer) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(String.valueOf(response.getBody())).doesNotContain(customer.getCompanyName())
                .doesNotContain("王先生");
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url, Object body) {
        return rest.withBasicAuth(user, PASSWORD).exchange(url, method, body == null ? null : new HttpEntity<>(body), JSON);
    }
}
