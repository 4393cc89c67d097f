package io.baobei.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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

/**
 * Every {@code /api} endpoint, enumerated from the application's own mappings, called by each role against
 * objects of team B (rep {@code repB1}, manager {@code mgrB}): who gets in, who gets 403/404 — and then no
 * data. An endpoint added without a row here fails the build. Also Camunda's own task API as used by
 * Tasklist: another rep cannot read a task or its form variables by guessing its id.
 */
@BaobeiWebTest
class AccessControlTest {

    @Autowired TestRestTemplate rest;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired Processes processes;
    @Autowired TaskService taskService;
    @Autowired Clock clock;
    @Autowired OwnershipService ownership;
    @Autowired TestIdentities identities;
    @Autowired io.baobei.notification.Notifications notifications;
    @Autowired io.baobei.extension.ExtensionService extensions;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @LocalServerPort int port;

    private static final List<String> CALLERS = List.of(REP_A1, MGR_A, REP_B1, MGR_B, ADMIN);
    private static final Set<HttpStatus> DENIED = Set.of(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

    /** What each caller may do to team B's objects: true = allowed (2xx), false = denied (403/404, no data). */
    private record Rule(HttpMethod method, String path, Map<String, Boolean> allowed, Object body) {
    }

    private static Map<String, Boolean> allow(String... callers) {
        Map<String, Boolean> allowed = new LinkedHashMap<>();
        CALLERS.forEach(c -> allowed.put(c, List.of(callers).contains(c)));
        return allowed;
    }

    private static Map<String, Boolean> without(Map<String, Boolean> allowed, String caller) {
        allowed.remove(caller);
        return allowed;
    }

    @Test
    void everyApiEndpointIsScopedToItsCallers() {
        // team B's objects: a registration waiting for review, a protected customer, an import, an audit trail
        String company = Processes.uniqueName("权限测试");
        ProcessInstance instance = processes.submit(REP_B1, Processes.validForm(company));
        Long registrationId = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(registrationId).orElseThrow().getStatus().name()));
        Long customerId = ownedByTeamB().getId();
        Long importId = anImport();
        // for the ownership endpoints: customers of repB1 with their protection, a pool customer, a receiver
        Long toRelease = heldByTeamB(company).getId();
        Long toTransfer = heldByTeamB(company).getId();
        Long toTransferByAdmin = heldByTeamB(company).getId();
        Long withHistory = heldByTeamB(company).getId();
        Long inPool = ownership.importCustomer(new Customer(Processes.uniqueName("公海权限"), Grade.B, Instant.now(clock)),
                null, "测试数据", "test").getId();
        String receiverB = identities.newRep("aclRecv", TEAM_B);
        Map<String, Object> transfer = Map.of("toOwner", receiverB, "reason", "调整分工");
        // 离职交接 of a team B rep: the preview changes nothing; a started one (no customers) for its progress
        Map<String, Object> handoverPreview = Map.of("fromUser", identities.newRep("aclLeave", TEAM_B), "mode", "POOL",
                "preview", true);
        ResponseEntity<String> handover = call(MGR_B, HttpMethod.POST, "/api/handovers",
                Map.of("fromUser", identities.newRep("aclLeft", TEAM_B), "mode", "POOL"));
        assertThat(handover.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String handoverId = handover.getBody().replaceAll("\\D", "");

        // 申请延期: a customer of repB1 to ask for, and two requests of repB1's waiting for team B's managers
        Long toExtend = heldByTeamB(company).getId();
        Long toDecide = pendingExtension(heldByTeamB(company).getId());
        Long toDecideByAdmin = pendingExtension(heldByTeamB(company).getId());
        Map<String, Object> decision = Map.of("decision", "REJECT", "reason", "跟进不足");

        // 重复客户: two pool customers sharing a phone, found by a scan (admins only), to merge
        String sharedPhone = Processes.uniqueMobile();
        Long duplicate = io.baobei.customer.TestCustomers.inPool(ownership, Processes.uniqueName("权限重复甲"), Grade.B,
                "广东省", sharedPhone);
        io.baobei.customer.TestCustomers.inPool(ownership, Processes.uniqueName("权限重复乙"), Grade.B, "广东省", sharedPhone);
        assertThat(call(ADMIN, HttpMethod.POST, "/api/duplicates/scans", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(120)).until(() -> String.valueOf(
                call(ADMIN, HttpMethod.GET, "/api/duplicates/scans/latest", null).getBody()).contains("\"state\":\"DONE\""));
        Long clusterId = jdbc.queryForObject("select max(cluster_id) from duplicate_cluster_member where customer_id = ?",
                Long.class, duplicate);

        // a notification of repB1's: theirs alone to mark read
        notifications.notify(io.baobei.notification.NotificationEvent.of(io.baobei.notification.NotificationKind.RECLAIMED,
                "acl:" + System.nanoTime(), REP_B1, "CUSTOMER", customerId, null, Map.of("customer", company, "reason", "保护期到期")));
        Long notificationId = notifications.of(REP_B1, 0, 1).getContent().get(0).id();

        List<Rule> rules = List.of(
                new Rule(HttpMethod.GET, "/api/registrations/" + registrationId, allow(REP_B1, MGR_B, ADMIN), null),
                new Rule(HttpMethod.POST, "/api/registrations/" + registrationId + "/decision",
                        without(allow(), MGR_B), Map.of("decision", "REJECT", "reason", "越权")), // mgrB: below
                new Rule(HttpMethod.GET, "/api/customers/" + customerId, allow(REP_B1, MGR_B, ADMIN), null),
                new Rule(HttpMethod.GET, "/api/customers/" + customerId + "/follow-ups", allow(REP_B1, MGR_B, ADMIN), null),
                new Rule(HttpMethod.GET, "/api/registrations", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.GET, "/api/customers", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.POST, "/api/duplicates/check", allow(CALLERS.toArray(String[]::new)),
                        Map.of("companyName", company)),
                new Rule(HttpMethod.POST, "/api/duplicates/index/rebuild", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/imports/" + importId, allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/imports/" + importId + "/report.csv", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/imports/" + importId + "/report.xlsx", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/audit", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/audit/verify", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/audit/export.csv", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/customers/" + withHistory + "/history", allow(REP_B1, MGR_B, ADMIN), null),
                new Rule(HttpMethod.POST, "/api/customers/" + toRelease + "/release", allow(REP_B1),
                        Map.of("reason", "不再跟进")),
                new Rule(HttpMethod.POST, "/api/customers/" + toTransfer + "/transfer",
                        without(allow(MGR_B), ADMIN), transfer), // admin: below
                // the pool is public; only reps claim (the first gets it, the other loses: both answered 200)
                new Rule(HttpMethod.GET, "/api/pool", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.GET, "/api/pool/claims", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.POST, "/api/pool/" + inPool + "/claim", allow(REP_A1, REP_B1), null),
                new Rule(HttpMethod.POST, "/api/handovers", allow(MGR_B, ADMIN), handoverPreview),
                new Rule(HttpMethod.GET, "/api/handovers/" + handoverId, allow(MGR_B, ADMIN), null),
                // only the owner asks; the requester's team managers decide, never the requester; all list their own
                new Rule(HttpMethod.POST, "/api/customers/" + toExtend + "/extension", allow(REP_B1),
                        Map.of("days", 10, "reason", "客户采购流程延后")),
                new Rule(HttpMethod.POST, "/api/extensions/" + toDecide + "/decision",
                        without(allow(MGR_B), ADMIN), decision), // admin: below
                new Rule(HttpMethod.GET, "/api/extensions", allow(CALLERS.toArray(String[]::new)), null),
                // everyone has their own notifications; delivery failures are for admins
                new Rule(HttpMethod.GET, "/api/notifications", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.POST, "/api/notifications/read-all", allow(CALLERS.toArray(String[]::new)), null),
                new Rule(HttpMethod.POST, "/api/notifications/" + notificationId + "/read", allow(REP_B1), null),
                new Rule(HttpMethod.GET, "/api/notifications/failures", allow(ADMIN), null),
                // duplicates already in the data: admins only (the merge before the new scan replaces the clusters)
                new Rule(HttpMethod.GET, "/api/duplicates/scans/latest", allow(ADMIN), null),
                new Rule(HttpMethod.GET, "/api/duplicates/clusters", allow(ADMIN), null),
                new Rule(HttpMethod.POST, "/api/duplicates/clusters/" + clusterId + "/merge", allow(ADMIN), Map.of()),
                new Rule(HttpMethod.POST, "/api/duplicates/scans", allow(ADMIN), null),
                // appeals: everyone lists their own (scoped by the service, AppealApiTest)
                new Rule(HttpMethod.GET, "/api/appeals?status=OPEN", allow(CALLERS.toArray(String[]::new)), null));
        // covered by their own tests, listed so the inventory below is complete
        Set<String> coveredElsewhere = Set.of(
                "POST /api/registrations",       // RegistrationApiTest: reps only; managers 403
                "POST /api/customers/import",    // CustomerImportApiTest: admins only
                "POST /api/registrations/{id}/appeal",  // AppealApiTest: the submitter only; others 403 / 404
                "POST /api/appeals/{id}/decision");     // AppealApiTest: deciders only (never the owner); others 403

        Set<String> tested = new TreeSet<>(coveredElsewhere);
        for (Rule rule : rules) {
            tested.add(rule.method() + " " + template(rule.path()));
            rule.allowed().forEach((caller, allowed) -> {
                ResponseEntity<String> response = call(caller, rule.method(), rule.path(), rule.body());
                String what = caller + " " + rule.method() + " " + rule.path();
                if (allowed) {
                    assertThat(response.getStatusCode().is2xxSuccessful()).as(what + " → " + response.getStatusCode()).isTrue();
                } else {
                    assertThat(response.getStatusCode()).as(what).isIn(DENIED);
                    assertThat(String.valueOf(response.getBody())).as(what + " leaks data")
                            .doesNotContain(company).doesNotContain(REP_B1);
                }
            });
        }
        // lists are scoped: nobody outside team B sees its registration or customer in them
        for (String outsider : List.of(REP_A1, MGR_A)) {
            assertThat(call(outsider, HttpMethod.GET, "/api/registrations?size=500", null).getBody()).doesNotContain(company);
            assertThat(call(outsider, HttpMethod.GET, "/api/customers?size=500", null).getBody())
                    .doesNotContain("\"id\":" + customerId + ",");
        }
        // the team's own manager may decide
        assertThat(call(MGR_B, HttpMethod.POST, "/api/registrations/" + registrationId + "/decision",
                Map.of("decision", "APPROVE")).getStatusCode()).isEqualTo(HttpStatus.OK);
        // an admin transfers across teams
        assertThat(call(ADMIN, HttpMethod.POST, "/api/customers/" + toTransferByAdmin + "/transfer", transfer)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(customers.findById(toTransfer).orElseThrow().getOwner()).isEqualTo(receiverB);
        assertThat(customers.findById(toRelease).orElseThrow().getOwner()).isNull();
        // claims are the claimant's: nobody else sees them in their list
        for (String other : List.of(MGR_A, MGR_B, ADMIN)) {
            assertThat(call(other, HttpMethod.GET, "/api/pool/claims", null).getBody()).doesNotContain(
                    "\"customerId\":" + inPool + ",");
        }

        // an admin decides any team's extension; nobody outside team B sees its requests in their list
        assertThat(call(ADMIN, HttpMethod.POST, "/api/extensions/" + toDecideByAdmin + "/decision", decision)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String outsider : List.of(REP_A1, MGR_A)) {
            assertThat(call(outsider, HttpMethod.GET, "/api/extensions?size=500", null).getBody())
                    .doesNotContain("\"id\":" + toDecide + ",").doesNotContain(REP_B1);
        }

        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m + " "
                        + p.replaceAll("\\{[^}/]+}", "{id}"))))); // {customerId} and {id} alike
        assertThat(tested).as("every /api endpoint needs an access-control row").containsAll(endpoints);
    }

    @Test
    void anotherRepCannotReadATaskOrItsFormVariablesThroughTasklistsApi() throws Exception {
        ProcessInstance instance = processes.submit(REP_B1, Processes.validForm(Processes.uniqueName("任务窥探")));
        Long registrationId = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(registrationId).orElseThrow().getStatus().name()));
        String taskId = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        String api = "/camunda/api/engine/engine/default/task/" + taskId;

        HttpClient rep = loggedIn(REP_A1);
        HttpClient manager = loggedIn(MGR_B);
        for (String path : List.of(api, api + "/form-variables", api + "/variables", api + "/comment")) {
            HttpResponse<String> asRep = get(rep, path);
            assertThat(asRep.statusCode()).as(path).isIn(403, 404);
            assertThat(asRep.body()).doesNotContain("companyName").doesNotContain("registrationId");
        }
        HttpResponse<String> asManager = get(manager, api + "/form-variables");
        assertThat(asManager.statusCode()).isEqualTo(200);
        // even the reviewer's form variables carry no clear contact data: a masked phone at most
        assertThat(asManager.body()).contains("companyName").doesNotContain("\"phone\"").doesNotContain("\"email\"")
                .doesNotContainPattern("1[3-9]\\d{9}");
        assertThat(get(rep, "/camunda/api/engine/engine/default/history/variable-instance?processInstanceId="
                + instance.getId()).body()).doesNotContain("registrationId");
    }

    @Test
    void tasklistReadsPeoplesNamesWithinTheTeamOnly() throws Exception {
        // a rep who joined team A after start-up: the managers' grant follows at their next login
        String newcomer = identities.newRep("acNew", TEAM_A);
        String profile = "/camunda/api/engine/engine/default/user/%s/profile";

        HttpClient manager = loggedIn(MGR_A);
        for (String person : List.of(newcomer, REP_A1, MGR_A)) {
            HttpResponse<String> read = get(manager, profile.formatted(person));
            assertThat(read.statusCode()).as(person).isEqualTo(200);
            assertThat(read.body()).as(person).contains("\"firstName\":\"" + person + "\"");
        }
        assertThat(get(manager, profile.formatted(REP_B1)).statusCode()).as("another team's rep").isIn(403, 404);
        assertThat(get(manager, profile.formatted(MGR_B)).statusCode()).as("another team's manager").isIn(403, 404);

        HttpClient rep = loggedIn(REP_A1);
        assertThat(get(rep, profile.formatted(REP_A1)).statusCode()).as("oneself").isEqualTo(200);
        assertThat(get(rep, profile.formatted(MGR_A)).statusCode()).as("one's manager").isEqualTo(200);
        assertThat(get(rep, profile.formatted(REP_A2)).statusCode()).as("a fellow rep").isIn(403, 404);
        assertThat(get(rep, profile.formatted(MGR_B)).statusCode()).as("another team's manager").isIn(403, 404);
        assertThat(get(rep, "/camunda/api/engine/engine/default/user").body())
                .as("the user list shows only whom one may read").doesNotContain(REP_A2).doesNotContain(REP_B1);

        // someone who leaves the team is no longer readable by its managers after their next login
        identityService.deleteMembership(newcomer, TEAM_A);
        assertThat(get(loggedIn(MGR_A), profile.formatted(newcomer)).statusCode()).isIn(403, 404);
    }

    private HttpClient loggedIn(String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Customer ownedByTeamB() {
        String name = Processes.uniqueName("乙组客户");
        Instant now = Instant.now(clock);
        Customer customer = new Customer(name, Grade.B, now);
        io.baobei.customer.TestCustomers.protect(customer, REP_B1, TEAM_B, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        return customers.save(customer);
    }

    /**
     * A customer of repB1 as the ownership core holds it, with its protection process and history; its contact name
     * is {@code contact} (the test's company name), which no denied answer may show.
     */
    private Customer heldByTeamB(String contact) {
        String name = Processes.uniqueName("乙组归属");
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, contact, Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(REP_B1, TEAM_B), "测试数据", "test");
    }

    /** A request of repB1 to extend the protection of {@code customerId}, waiting for team B's managers. */
    private Long pendingExtension(Long customerId) {
        var asked = extensions.submit(REP_B1, customerId, null,
                io.baobei.protection.ExtensionInput.read(10, "客户采购流程延后", "days", "reason"),
                io.baobei.extension.ExtensionChannel.API);
        assertThat(asked.status().name()).isEqualTo("PENDING");
        return asked.id();
    }

    private Long anImport() {
        org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
        form.add("file", new org.springframework.core.io.ByteArrayResource(
                ("companyName\n权限导入" + UUID.randomUUID().toString().substring(0, 6) + "有限公司\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "a.csv";
            }
        });
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        Map<?, ?> report = rest.withBasicAuth(ADMIN, PASSWORD).postForObject("/api/customers/import",
                new HttpEntity<>(form, headers), Map.class);
        return ((Number) report.get("id")).longValue();
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        return rest.withBasicAuth(user, PASSWORD).exchange(path, method, body == null ? null : new HttpEntity<>(body),
                String.class);
    }

    /** "/api/customers/12/follow-ups?x" → "/api/customers/{id}/follow-ups" */
    private static String template(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return withoutQuery.replaceAll("/\\d+(?=/|$)", "/{id}");
    }
}
