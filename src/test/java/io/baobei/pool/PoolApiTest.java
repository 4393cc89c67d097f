package io.baobei.pool;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

import io.baobei.customer.ClaimRule;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.GrantOutcome;
import io.baobei.identity.Groups;
import io.baobei.customer.OwnershipService;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pool (公海池) over REST as reps and their scripts use it: list, search, claim, their own claims. */
@BaobeiWebTest
class PoolApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired TestIdentities identities;
    @Autowired Clock clock;
    @Autowired TaskService taskService;
    @Autowired Processes processes;

    @Test
    void theListShowsWhyAndSinceWhenButNoContactDataAndNoPreviousOwner() {
        String rep = identities.newRep("poolList", TEAM_A);
        String token = token();
        Long imported = pooled("深圳市" + token + "导入", "IT", "广东省深圳市", Grade.B);
        Long released = pooled("深圳市" + token + "释放", "IT", "广东省深圳市", Grade.B);
        assertThat(claim(rep, released).get("outcome")).isEqualTo("GRANTED");
        assertThat(call(rep, HttpMethod.POST, "/api/customers/" + released + "/release", Map.of("reason", "不再跟进"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        for (String reader : List.of(REP_B1, rep, MGR_B)) {
            ResponseEntity<Map<String, Object>> page = call(reader, HttpMethod.GET, "/api/pool?q=" + token, null);
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).containsEntry("totalElements", 2);
            String body = page.getBody().toString();
            assertThat(body).as("contact data or the previous owner").doesNotContain("王先生").doesNotContain(rep)
                    .doesNotContain("phone").doesNotContain("contactName").doesNotContain("email")
                    .doesNotContain("owner").doesNotContainPattern("1[3-9]\\d{9}");
        }
        List<Map<String, Object>> entries = content(call(REP_B1, HttpMethod.GET, "/api/pool?q=" + token, null));
        Map<String, Object> byRelease = entry(entries, released);
        assertThat(byRelease).containsEntry("reclaimReason", "RELEASED").containsEntry("reclaimReasonLabel", "主动释放")
                .containsEntry("industry", "IT").containsEntry("region", "广东省深圳市").containsEntry("grade", "B")
                .containsKeys("inPoolSince", "claimableFrom", "companyName");
        assertThat(Instant.parse((String) byRelease.get("inPoolSince")))
                .isCloseTo(Instant.now(clock), within(Duration.ofMinutes(2)));
        assertThat(Instant.parse((String) byRelease.get("claimableFrom"))).isAfter(Instant.now(clock));
        Map<String, Object> byImport = entry(entries, imported);
        assertThat(byImport).containsEntry("reclaimReason", "IMPORTED");
        assertThat(Instant.parse((String) byImport.get("claimableFrom"))).isBeforeOrEqualTo(Instant.now(clock));
        // newest in the pool first
        assertThat(entries.get(0).get("id")).isEqualTo(released.intValue());
    }

    @Test
    void searchGoesThroughTheNameAnalysisAndFiltersByIndustryRegionAndGrade() {
        String token = token();
        String starRiver = "深圳市星河" + token + "科技有限公司";
        Long shenzhen = pooled(starRiver, "IT", "广东省深圳市", Grade.B);
        Long hangzhou = pooled("杭州" + token + "制造有限公司", "MANUFACTURING", "浙江省杭州市", Grade.C);
        Long graded = pooled("杭州" + token + "商贸有限公司", "RETAIL", "浙江省杭州市", Grade.A);

        // "深圳星河" is not a substring of the name: the region and core of the analysed name find it
        assertThat(ids(REP_A1, "/api/pool?q=深圳星河&size=500")).contains(shenzhen).doesNotContain(hangzhou, graded);
        assertThat(ids(REP_A1, "/api/pool?q=杭州星河&size=500")).doesNotContain(shenzhen);
        assertThat(ids(REP_A1, "/api/pool?q=" + token + "&industry=MANUFACTURING")).containsExactly(hangzhou);
        assertThat(ids(REP_A1, "/api/pool?q=" + token + "&industry=it")).containsExactly(shenzhen);
        assertThat(ids(REP_A1, "/api/pool?q=" + token + "&region=杭州")).containsExactlyInAnyOrder(hangzhou, graded);
        assertThat(ids(REP_A1, "/api/pool?q=" + token + "&region=浙江&grade=A")).containsExactly(graded);
        assertThat(ids(REP_A1, "/api/pool?q=" + token + "&grade=c")).containsExactly(hangzhou);

        ResponseEntity<Map<String, Object>> badGrade = call(REP_A1, HttpMethod.GET, "/api/pool?grade=Z", null);
        assertThat(badGrade.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badGrade.getBody().toString()).contains("意向等级应为 A、B、C 或 D");
        assertThat(call(REP_A1, HttpMethod.GET, "/api/pool?industry=bananas", null).getBody().toString())
                .contains("行业不正确");
    }

    @Test
    void aClaimIsGrantedAndTheCustomerBecomesTheRepsWithAFollowUp() {
        String rep = identities.newRep("poolClaim", TEAM_A);
        Long id = pooled("深圳市" + token() + "领取", "IT", "广东省深圳市", Grade.B);

        Map<String, Object> answer = claim(rep, id, Map.of("reason", "客户来电咨询"));

        assertThat(answer).containsEntry("outcome", "GRANTED").doesNotContainKeys("rule", "retryAfter")
                .containsKey("claimId");
        assertThat((String) answer.get("message")).contains("领取成功");
        Map<String, Object> customer = call(rep, HttpMethod.GET, "/api/customers/" + id, null).getBody();
        assertThat(customer).containsEntry("owner", rep).containsEntry("status", "PROTECTED")
                .containsEntry("contactName", "王先生");
        assertThat(ids(rep, "/api/pool?q=" + customers.findById(id).orElseThrow().getCompanyName())).isEmpty();
        assertThat(call(rep, HttpMethod.GET, "/api/customers/" + id + "/follow-ups", null, List.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyRepsClaimAndRefusedInputNamesTheFieldSent() {
        Long id = pooled("深圳市" + token() + "主管", "IT", "广东省深圳市", Grade.B);
        for (String notARep : List.of(MGR_A, ADMIN)) {
            ResponseEntity<Map<String, Object>> answer = call(notARep, HttpMethod.POST, "/api/pool/" + id + "/claim", null);
            assertThat(answer.getStatusCode()).as(notARep).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(content(call(notARep, HttpMethod.GET, "/api/pool/claims", null))).as(notARep).isEmpty();
        }
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);

        ResponseEntity<Map<String, Object>> longReason = call(REP_A1, HttpMethod.POST, "/api/pool/" + id + "/claim",
                Map.of("reason", "长".repeat(501)));
        assertThat(longReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longReason.getBody().toString()).contains("field=reason").contains("领取理由不能超过 500 个字符");
        ResponseEntity<Map<String, Object>> longQuery = call(REP_A1, HttpMethod.GET, "/api/pool?q=" + "长".repeat(101), null);
        assertThat(longQuery.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longQuery.getBody().toString()).contains("field=q");
        assertThat(call(REP_A1, HttpMethod.GET, "/api/pool?grade=Z&industry=x", null).getBody().toString())
                .contains("field=grade").contains("field=industry");
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void aClaimWaitingForApprovalHoldsTheCustomerAgainstARegistration() {
        String rep = identities.newRep("poolApprove", TEAM_A);
        String registrant = identities.newRep("poolRegister", TEAM_A);
        String name = "深圳市" + token() + "审批";
        Long id = pooled(name, "IT", "广东省深圳市", Grade.A);
        Map<String, Object> pending = claim(rep, id);
        assertThat(pending).containsEntry("outcome", "PENDING_APPROVAL");
        // meanwhile a colleague's registration of the same company is approved: it cannot overtake the claim
        Customer customer = customers.findById(id).orElseThrow();
        OwnershipService.Grant registration = ownership.grant(new OwnershipService.RegistrationGrant(null, name,
                customer.getNormalizedName(), null, null, null, null, "IT", "广东省深圳市", Grade.A, registrant, MGR_A));
        assertThat(registration.outcome()).isEqualTo(GrantOutcome.REFUSED);
        assertThat(registration.refusal().rule()).isEqualTo(ClaimRule.NOT_IN_POOL);
        assertThat(registration.refusal().message()).contains("同事对该公海客户的领取正在等待主管审批或授予");

        Task approval = taskService.createTaskQuery().processDefinitionKey(PoolClaimVariables.PROCESS_KEY)
                .taskCandidateGroup(Groups.reviewersOf(TEAM_A)).list().stream()
                .filter(t -> ((Number) taskService.getVariable(t.getId(), PoolClaimVariables.CLAIM_ID)).longValue()
                        == ((Number) pending.get("claimId")).longValue())
                .findFirst().orElseThrow();
        processes.asUser(MGR_A, () -> {
            taskService.claim(approval.getId(), MGR_A);
            taskService.complete(approval.getId(), Map.of(PoolClaimVariables.CLAIM_DECISION, "APPROVE"));
        });

        Map<String, Object> decided = content(call(rep, HttpMethod.GET, "/api/pool/claims", null)).get(0);
        assertThat(decided).containsEntry("status", "GRANTED");
        assertThat(customers.findById(id).orElseThrow().getOwner()).isEqualTo(rep);
    }

    @Test
    void anUnknownCustomerIs404() {
        ResponseEntity<Map<String, Object>> answer = call(REP_A1, HttpMethod.POST, "/api/pool/987654321/claim", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody().toString()).doesNotContain("outcome");
    }

    @Test
    void aSecondRepLosesACustomerTheFirstJustClaimed() {
        String first = identities.newRep("poolFirst", TEAM_A);
        String second = identities.newRep("poolSecond", TEAM_B);
        Long id = pooled("深圳市" + token() + "先到", "IT", "广东省深圳市", Grade.B);

        assertThat(claim(first, id).get("outcome")).isEqualTo("GRANTED");
        Map<String, Object> lost = claim(second, id);

        assertThat(lost).containsEntry("outcome", "LOST").doesNotContainKeys("rule", "retryAfter");
        assertThat((String) lost.get("message")).contains("该客户刚被同事领取");
        assertThat(customers.findById(id).orElseThrow().getOwner()).isEqualTo(first);
    }

    @Test
    void refusalsNameTheRuleSayInChineseWhenAndGiveRetryAfter() {
        String releaser = identities.newRep("poolCool", TEAM_A);
        String colleague = identities.newRep("poolOther", TEAM_A);
        Long id = pooled("深圳市" + token() + "冷却", "IT", "广东省深圳市", Grade.B);
        assertThat(claim(releaser, id).get("outcome")).isEqualTo("GRANTED");
        assertThat(call(releaser, HttpMethod.POST, "/api/customers/" + id + "/release", Map.of("reason", "暂无需求"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        Instant released = Instant.now(clock);

        // the releaser: the cooldown (30 days) outlasts the publication, so it is the answer
        Map<String, Object> cooldown = claim(releaser, id);
        assertThat(cooldown).containsEntry("outcome", "REFUSED").containsEntry("rule", "COOLDOWN");
        assertThat((String) cooldown.get("message")).contains("离开您的名下（主动释放）").contains("30 天冷却期")
                .contains("起可以");
        assertThat(Instant.parse((String) cooldown.get("retryAfter")))
                .isCloseTo(released.plus(Duration.ofDays(30)), within(Duration.ofMinutes(2)));

        // anyone else: not before its publication, the next working day at 10:00 (Asia/Shanghai)
        Map<String, Object> early = claim(colleague, id);
        assertThat(early).containsEntry("outcome", "REFUSED").containsEntry("rule", "NOT_YET_PUBLISHED");
        assertThat((String) early.get("message")).contains("在公海发布").contains("抽签");
        ZonedDateTime publication = Instant.parse((String) early.get("retryAfter")).atZone(SHANGHAI);
        assertThat(publication.toInstant()).isAfter(released);
        assertThat(publication.toLocalTime()).hasToString("10:00");
        assertThat(publication.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(publication.toLocalDate()).isAfter(released.atZone(SHANGHAI).toLocalDate());
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void myClaimsAreMineOnly() {
        String mine = identities.newRep("poolMine", TEAM_A);
        String theirs = identities.newRep("poolTheirs", TEAM_A);
        Long a = pooled("深圳市" + token() + "我的", "IT", "广东省深圳市", Grade.B);
        Long b = pooled("深圳市" + token() + "他的", "IT", "广东省深圳市", Grade.B);
        Number granted = (Number) claim(mine, a).get("claimId");
        Number lost = (Number) claim(theirs, a).get("claimId");
        Number other = (Number) claim(theirs, b).get("claimId");

        List<Map<String, Object>> myClaims = content(call(mine, HttpMethod.GET, "/api/pool/claims", null));
        assertThat(myClaims).extracting(c -> ((Number) c.get("claimId")).longValue())
                .containsExactly(granted.longValue());
        assertThat(myClaims.get(0)).containsEntry("status", "GRANTED").containsEntry("statusLabel", "已领取")
                .containsEntry("customerId", a.intValue());
        List<Map<String, Object>> theirClaims = content(call(theirs, HttpMethod.GET, "/api/pool/claims", null));
        assertThat(theirClaims).extracting(c -> ((Number) c.get("claimId")).longValue())
                .as("newest first").containsExactly(other.longValue(), lost.longValue());
        assertThat(theirClaims).extracting(c -> c.get("status")).containsExactly("GRANTED", "LOST");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A customer imported without owner, with contact data: in the pool, claimable at once. */
    private Long pooled(String name, String industry, String region, Grade grade) {
        Customer customer = new Customer(name, grade, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), "wang@example.com", industry, region, grade);
        return ownership.importCustomer(customer, null, "测试数据", "test").getId();
    }

    /** Letters only, unique: narrows a search to this test's customers. */
    private static String token() {
        return ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private Map<String, Object> claim(String rep, Long id) {
        return claim(rep, id, null);
    }

    private Map<String, Object> claim(String rep, Long id, Object body) {
        ResponseEntity<Map<String, Object>> answer = call(rep, HttpMethod.POST, "/api/pool/" + id + "/claim", body);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
        return answer.getBody();
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

    private static Map<String, Object> entry(List<Map<String, Object>> entries, Long id) {
        return entries.stream().filter(e -> ((Number) e.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url, Object body) {
        return rest.withBasicAuth(user, PASSWORD).exchange(url, method, body == null ? null : new HttpEntity<>(body), JSON);
    }

    private <T> ResponseEntity<T> call(String user, HttpMethod method, String url, Object body, Class<T> type) {
        return rest.withBasicAuth(user, PASSWORD).exchange(url, method, body == null ? null : new HttpEntity<>(body), type);
    }
}
