package io.baobei.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Pageable;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.handover.HandoverRequest;
import io.baobei.handover.HandoverService;
import io.baobei.identity.UserDirectory;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Malformed input on every {@code /api} endpoint, enumerated from the application's own mappings: an endpoint
 * added without a row here fails the build, and so does a row whose kind of body (JSON, file, none) no longer
 * matches the handler. Each endpoint is called over real HTTP (Tomcat and every servlet filter take part: the
 * size limits live there) by a user allowed to call it, and must refuse with a readable Chinese JSON answer:
 * 400 naming the field, 413 for bodies over the limits, 405/404/415/401 as JSON even to a browser, never a 500,
 * a stack trace, a class name or an HTML error page.
 * <p>
 * The upload limit is tested at its configured value (100 MB) without sending 100 MB: the test announces the size
 * and asks {@code Expect: 100-continue}, as curl does for large uploads; the server must refuse on the headers
 * alone, before the client sends a byte of the body. JSON bodies just over their (1 MB) limit are also sent in
 * full, with a length and chunked, since most scripts send without asking first.
 */
@BaobeiWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** writes every non-ASCII character as a JSON escape, so that a lone surrogate reaches the server as one */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /** what an error answer must never show: stack traces, class or package names, HTML error pages */
    private static final List<String> LEAKS = List.of("Exception", "java.", "org.", "io.baobei", "\tat ", "<html",
            "<!doctype", "Whitelabel");
    private static final String CSV_HEADER = "companyName,creditCode,contactName,phone,email,industry,region,grade,owner\n";

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;
    @Autowired TaskService taskService;
    @Autowired OwnershipService ownership;
    @Autowired HandoverService handovers;
    @Autowired io.baobei.notification.Notifications notifications;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired io.baobei.extension.ExtensionService extensions;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @LocalServerPort int port;
    @Value("${baobei.api.max-json-body-size}") DataSize jsonLimit;
    @Value("${spring.servlet.multipart.max-request-size}") DataSize uploadLimit;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Long registrationInReview;
    private Long customerOfRepA1;
    private Long extensionPending;
    private Long importId;
    private Long poolCustomer;
    private Long handoverId;
    private Long notificationId;
    private Long registrationInConflict;
    private Long openAppeal;

    private enum Body { JSON, FILE, NONE }

    /**
     * An endpoint that takes a request body, called by {@code caller} at {@code path}. For JSON: a valid body
     * (each case changes one thing in it), the fields that hold text (over-long, control characters, objects
     * and arrays must be refused naming the field) and those that take one of a few values (a number must be
     * refused naming the field; elsewhere a number is accepted as its text). {@code emptyBodyField}: the field an
     * empty or {@code null} body is refused on ("body"; a required field of an optional body), or null where an
     * optional body may be left out and the request is served.
     */
    private record Writer(String method, String template, String caller, Body body, String path,
                          Map<String, Object> valid, List<String> textFields, List<String> choiceFields,
                          String emptyBodyField) {

        Writer(String method, String template, String caller, Body body, String path, Map<String, Object> valid,
               List<String> textFields, List<String> choiceFields) {
            this(method, template, caller, body, path, valid, textFields, choiceFields, "body");
        }
    }

    /** A GET endpoint, called by {@code caller} at {@code path}. */
    private record Reader(String template, String caller, String path) {
    }

    @BeforeAll
    void objectsToCallTheEndpointsOn() throws Exception {
        var instance = processes.submit(REP_A1, Processes.validForm(Processes.uniqueName("输入限制")));
        registrationInReview = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(
                registrations.findById(registrationInReview).orElseThrow().getStatus().name()));

        String name = Processes.uniqueName("输入限制客户");
        Instant now = Instant.now(clock);
        Customer customer = new Customer(name, Grade.B, now);
        io.baobei.customer.TestCustomers.protect(customer, REP_A1, TEAM_A, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        customerOfRepA1 = customers.save(customer).getId();

        poolCustomer = ownership.importCustomer(new Customer(Processes.uniqueName("输入限制公海"), Grade.B, now), null,
                "测试数据", "test").getId();

        // a request of repA1's to extend the protection of a customer they hold, waiting for mgrA
        Customer held = new Customer(Processes.uniqueName("输入限制延期"), Grade.B, now);
        Long heldId = ownership.importCustomer(held, new OwnershipService.ImportedOwner(REP_A1, TEAM_A), "测试数据", "test")
                .getId();
        extensionPending = extensions.submit(REP_A1, heldId, null,
                io.baobei.protection.ExtensionInput.read(10, "客户采购延后", "days", "reason"),
                io.baobei.extension.ExtensionChannel.API).id();

        // a handover of a rep without customers, for its progress
        handoverId = handovers.start(directory.actor(MGR_A),
                HandoverRequest.of(identities.newRep("inputLeave", TEAM_A), "POOL", null, false, false));

        notifications.notify(io.baobei.notification.NotificationEvent.of(io.baobei.notification.NotificationKind.RECLAIMED,
                "input-limits:" + System.nanoTime(), REP_A1, "CUSTOMER", customerOfRepA1, null,
                Map.of("customer", name, "reason", "保护期到期")));
        notificationId = notifications.of(REP_A1, 0, 1).getContent().get(0).id();

        // 申诉: a registration of repA1 in conflict with repA2's customer, and another one already appealed
        String appealedName = Processes.uniqueName("输入限制申诉");
        Customer colleagues = new Customer(appealedName, Grade.B, now);
        io.baobei.customer.TestCustomers.protect(colleagues, REP_A2, TEAM_A, now, now.plus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(7)));
        customers.save(colleagues);
        registrationInConflict = inConflict(appealedName);
        Long appealed = inConflict(appealedName);
        HttpResponse<String> filed = http.send(request(REP_A1, "/api/registrations/" + appealed + "/appeal")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"首次接触在我\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        openAppeal = JSON.readTree(filed.body()).get("appealId").asLong();

        HttpResponse<String> uploaded = upload(csv(Processes.uniqueName("输入限制导入") + "\n"), "a.csv", Map.of());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        importId = JSON.readTree(uploaded.body()).get("id").asLong();
    }

    private Long inConflict(String company) {
        var instance = processes.submit(REP_A1, Processes.validForm(company));
        Long id = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFLICT".equals(
                registrations.findById(id).orElseThrow().getStatus().name()));
        return id;
    }

    private List<Writer> writers() {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("companyName", Processes.uniqueName("输入限制报备"));
        registration.put("creditCode", null);
        registration.put("contactName", "接口联系人");
        registration.put("phone", "139-0000-1111");
        registration.put("email", "lx@example.com");
        registration.put("industry", "IT");
        registration.put("region", "广东省深圳市");
        registration.put("grade", "B");
        registration.put("firstContactDate", LocalDate.now(clock).toString());
        registration.put("notes", "来自官网表单");
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("companyName", "输入限制查重有限公司");
        check.put("creditCode", null);
        check.put("phone", "13900001111");
        check.put("email", "cc@example.com");
        return List.of(
                new Writer("POST", "/api/registrations", REP_A1, Body.JSON, "/api/registrations", registration,
                        List.of("companyName", "creditCode", "contactName", "phone", "email", "industry", "region",
                                "grade", "firstContactDate", "notes"),
                        List.of("industry", "grade")),
                // REJECT with a reason: every case below must leave the registration in review
                new Writer("POST", "/api/registrations/{id}/decision", MGR_A, Body.JSON,
                        "/api/registrations/" + registrationInReview + "/decision",
                        Map.of("decision", "REJECT", "reason", "不符合报备条件"), List.of("decision", "reason"),
                        List.of("decision")),
                new Writer("POST", "/api/duplicates/check", REP_A1, Body.JSON, "/api/duplicates/check", check,
                        List.of("companyName", "creditCode", "phone", "email"), List.of()),
                new Writer("POST", "/api/duplicates/index/rebuild", ADMIN, Body.NONE, "/api/duplicates/index/rebuild",
                        null, List.of(), List.of()),
                new Writer("POST", "/api/duplicates/scans", ADMIN, Body.NONE, "/api/duplicates/scans",
                        null, List.of(), List.of()),
                // no such cluster: the body is judged before the cluster is looked up, so nothing is merged
                new Writer("POST", "/api/duplicates/clusters/{id}/merge", ADMIN, Body.JSON,
                        "/api/duplicates/clusters/999999999/merge", Map.of("note", "同一家公司", "acrossOwners", false),
                        List.of("note"), List.of()),
                new Writer("POST", "/api/notifications/{id}/read", REP_A1, Body.NONE,
                        "/api/notifications/" + notificationId + "/read", null, List.of(), List.of()),
                new Writer("POST", "/api/notifications/read-all", REP_A1, Body.NONE, "/api/notifications/read-all",
                        null, List.of(), List.of()),
                new Writer("POST", "/api/customers/import", ADMIN, Body.FILE, "/api/customers/import", null,
                        List.of(), List.of()),
                // every case below must leave repA1's customer where it is (see afterwards)
                new Writer("POST", "/api/customers/{id}/release", REP_A1, Body.JSON,
                        "/api/customers/" + customerOfRepA1 + "/release", Map.of("reason", "客户暂无需求"),
                        List.of("reason"), List.of(), "reason"),
                new Writer("POST", "/api/customers/{id}/transfer", MGR_A, Body.JSON,
                        "/api/customers/" + customerOfRepA1 + "/transfer",
                        Map.of("toOwner", REP_A2, "reason", "调整分工", "overrideQuota", false),
                        List.of("toOwner", "reason"), List.of()),
                // the body is optional: without one (or null) the claim is made, without a reason
                new Writer("POST", "/api/pool/{customerId}/claim", REP_A1, Body.JSON,
                        "/api/pool/" + poolCustomer + "/claim", Map.of("reason", "客户来电咨询"), List.of("reason"),
                        List.of(), null),
                // 申请延期 of repA1's customer: every case is refused, nothing is asked (see afterwards)
                new Writer("POST", "/api/customers/{id}/extension", REP_A1, Body.JSON,
                        "/api/customers/" + customerOfRepA1 + "/extension", Map.of("days", 10, "reason", "客户采购延后"),
                        List.of("reason"), List.of(), "days"),
                // REJECT with a reason: every case below must leave the request pending, its task unclaimed
                new Writer("POST", "/api/extensions/{id}/decision", MGR_A, Body.JSON,
                        "/api/extensions/" + extensionPending + "/decision",
                        Map.of("decision", "REJECT", "reason", "跟进记录不足"), List.of("decision", "reason"),
                        List.of("decision")),
                // every case below must leave the registration in conflict and the appeal open (see afterwards)
                new Writer("POST", "/api/registrations/{id}/appeal", REP_A1, Body.JSON,
                        "/api/registrations/" + registrationInConflict + "/appeal",
                        Map.of("reason", "首次接触在我", "evidence", "https://example.com/visit",
                                "firstContactDate", LocalDate.now(clock).toString()),
                        List.of("reason", "evidence", "firstContactDate"), List.of()),
                new Writer("POST", "/api/appeals/{id}/decision", MGR_A, Body.JSON,
                        "/api/appeals/" + openAppeal + "/decision", Map.of("outcome", "DISMISS", "reason", "证据不足"),
                        List.of("reason"), List.of("outcome")),
                // a preview: nothing changes, whatever the case
                new Writer("POST", "/api/handovers", MGR_A, Body.JSON, "/api/handovers",
                        Map.of("fromUser", REP_A2, "mode", "POOL", "receivers", List.of(), "preview", true),
                        List.of("fromUser"), List.of("mode")));
    }

    private List<Reader> readers() {
        return List.of(
                new Reader("/api/registrations", REP_A1, "/api/registrations"),
                new Reader("/api/registrations/{id}", REP_A1, "/api/registrations/" + registrationInReview),
                new Reader("/api/customers", REP_A1, "/api/customers"),
                new Reader("/api/customers/{id}", REP_A1, "/api/customers/" + customerOfRepA1),
                new Reader("/api/customers/{id}/follow-ups", REP_A1, "/api/customers/" + customerOfRepA1 + "/follow-ups"),
                new Reader("/api/customers/{id}/history", REP_A1, "/api/customers/" + customerOfRepA1 + "/history"),
                new Reader("/api/pool", REP_A1, "/api/pool"),
                new Reader("/api/pool/claims", REP_A1, "/api/pool/claims"),
                new Reader("/api/imports/{id}", ADMIN, "/api/imports/" + importId),
                new Reader("/api/imports/{id}/report.csv", ADMIN, "/api/imports/" + importId + "/report.csv"),
                new Reader("/api/imports/{id}/report.xlsx", ADMIN, "/api/imports/" + importId + "/report.xlsx"),
                new Reader("/api/handovers/{id}", MGR_A, "/api/handovers/" + handoverId),
                new Reader("/api/extensions", REP_A1, "/api/extensions"),
                new Reader("/api/notifications", REP_A1, "/api/notifications"),
                new Reader("/api/notifications/failures", ADMIN, "/api/notifications/failures"),
                new Reader("/api/duplicates/scans/latest", ADMIN, "/api/duplicates/scans/latest"),
                new Reader("/api/duplicates/clusters", ADMIN, "/api/duplicates/clusters"),
                new Reader("/api/audit", ADMIN, "/api/audit"),
                new Reader("/api/audit/verify", ADMIN, "/api/audit/verify"),
                new Reader("/api/audit/export.csv", ADMIN, "/api/audit/export.csv"),
                new Reader("/api/appeals", REP_A1, "/api/appeals"));
    }

    // ---- the inventory

    @Test
    void everyApiEndpointHasARowAndItsKindOfBodyMatchesTheHandler() {
        Map<String, HandlerMethod> endpoints = endpoints();
        Set<String> rows = new TreeSet<>();
        writers().forEach(w -> {
            rows.add(w.method() + " " + w.template());
            HandlerMethod handler = endpoints.get(w.method() + " " + w.template());
            assertThat(handler).as("no endpoint " + w.method() + " " + w.template()).isNotNull();
            assertThat(bodyOf(handler)).as("kind of body of " + w.template()).isEqualTo(w.body());
        });
        readers().forEach(r -> rows.add("GET " + r.template()));
        assertThat(rows).as("every /api endpoint needs a row in InputLimitsTest").containsAll(endpoints.keySet());
    }

    // ---- JSON bodies

    @TestFactory
    Stream<DynamicNode> jsonBodiesAreRefusedReadably() {
        return writers().stream().filter(w -> w.body() == Body.JSON).map(w -> dynamicContainer(w.method() + " " + w.template(),
                Stream.of(jsonSyntaxCases(w), jsonTypeCases(w), textCases(w), sizeCases(w), afterwards(w))
                        .flatMap(List::stream)));
    }

    /** A refused review leaves nothing behind: still in review, its task not claimed by the refused caller. */
    private List<DynamicNode> afterwards(Writer w) {
        if (w.template().endsWith("/release") || w.template().endsWith("/transfer")) {
            return List.of(dynamicTest("the customer is still repA1's", () -> {
                Customer customer = customers.findById(customerOfRepA1).orElseThrow();
                assertThat(customer.getOwner()).isEqualTo(REP_A1);
                assertThat(customer.getStatus().name()).isEqualTo("PROTECTED");
            }));
        }
        if (w.template().endsWith("/extension")) {
            return List.of(dynamicTest("no extension was asked for", () -> assertThat(jdbc.queryForObject(
                    "select count(*) from extension_request where customer_id = ?", Long.class, customerOfRepA1))
                    .isZero()));
        }
        if (w.template().startsWith("/api/extensions/")) {
            return List.of(dynamicTest("the extension is still waiting for a decision", () -> {
                var pending = extensions.view(extensionPending);
                assertThat(pending.status().name()).isEqualTo("PENDING");
                assertThat(pending.decidedBy()).isNull();
                assertThat(taskService.createTaskQuery().processInstanceId(extensions.processInstanceOf(extensionPending))
                        .singleResult().getAssignee()).isNull();
            }));
        }
        if (w.template().endsWith("/appeal") || w.template().startsWith("/api/appeals")) {
            return List.of(dynamicTest("nothing was appealed or decided", () -> {
                assertThat(registrations.findById(registrationInConflict).orElseThrow().getStatus().name())
                        .isEqualTo("CONFLICT");
                HttpResponse<String> open = http.send(request(MGR_A, "/api/appeals?status=OPEN&size=200").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(open.body()).contains("\"id\":" + openAppeal + ",");
            }));
        }
        if (!w.template().endsWith("/decision")) {
            return List.of();
        }
        return List.of(dynamicTest("the registration is still waiting for review", () -> {
            var registration = registrations.findById(registrationInReview).orElseThrow();
            assertThat(registration.getStatus().name()).isEqualTo("IN_REVIEW");
            assertThat(taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId()).singleResult()
                    .getAssignee()).isNull();
        }));
    }

    private List<DynamicNode> jsonSyntaxCases(Writer w) {
        List<DynamicNode> cases = new ArrayList<>();
        String valid = json(w.valid());
        for (String malformed : List.of(valid.substring(0, valid.length() / 2), "{\"companyName\": }", "{'a': 1}",
                "<xml/>", "{\"a\":1,}")) {
            cases.add(dynamicTest("malformed JSON " + abbreviate(malformed), () ->
                    assertRefused(send(w, "application/json", malformed.getBytes(StandardCharsets.UTF_8)), 400, "body")));
        }
        for (String empty : List.of("", "null")) {
            String name = empty.isEmpty() ? "an empty body" : "null";
            cases.add(dynamicTest(name, () -> {
                HttpResponse<String> response = send(w, "application/json", bytes(empty));
                if (w.emptyBodyField() == null) {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                } else {
                    assertRefused(response, 400, w.emptyBodyField());
                }
            }));
        }
        cases.add(dynamicTest("an array instead of an object", () ->
                assertRefused(send(w, "application/json", bytes("[" + valid + "]")), 400, "body")));
        // C3 28: a two-byte sequence broken off; FF never occurs in UTF-8; ED A0 80: an encoded surrogate
        for (byte[] invalid : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            String field = w.textFields().get(0);
            cases.add(dynamicTest("invalid UTF-8 " + hex(invalid) + " in " + field, () -> {
                byte[] body = replaceInJson(w.valid(), field, "@@", invalid);
                assertRefused(send(w, "application/json", body), 400, null);
            }));
        }
        cases.add(dynamicTest("text/plain instead of JSON", () ->
                assertRefused(send(w, "text/plain", bytes(valid)), 415, null)));
        return cases;
    }

    private List<DynamicNode> jsonTypeCases(Writer w) {
        List<DynamicNode> cases = new ArrayList<>();
        for (String field : w.textFields()) {
            for (Object wrong : List.of(Map.of("text", "x"), List.of("x"))) {
                cases.add(dynamicTest(field + " = " + json(wrong), () ->
                        assertRefused(send(w, "application/json", bytes(json(with(w.valid(), field, wrong)))), 400, field)));
            }
        }
        for (String field : w.choiceFields()) {
            for (Object wrong : List.of(1, 2.5, true)) {
                cases.add(dynamicTest(field + " = " + wrong, () ->
                        assertRefused(send(w, "application/json", bytes(json(with(w.valid(), field, wrong)))), 400, field)));
            }
        }
        return cases;
    }

    private List<DynamicNode> textCases(Writer w) {
        List<DynamicNode> cases = new ArrayList<>();
        for (String field : w.textFields()) {
            // a valid value with text appended, so that a rule looking only at the start of a value cannot pass it
            String valid = w.valid().get(field) == null ? "" : String.valueOf(w.valid().get(field));
            // the longest text the body limit lets through: the field's own limit must refuse it
            cases.add(dynamicTest(field + " as long as the body limit allows", () -> {
                String huge = valid + "长".repeat((int) ((jsonLimit.toBytes() - 8 * 1024) / 3));
                byte[] body = bytes(json(with(w.valid(), field, huge)));
                assertThat(body.length).isLessThan((int) jsonLimit.toBytes());
                assertRefused(send(w, "application/json", body), 400, field);
            }));
            cases.add(dynamicTest(field + " longer than any field (2001 characters)", () ->
                    assertRefused(send(w, "application/json", bytes(json(with(w.valid(), field,
                            valid + "x".repeat(2001 - valid.length()))))), 400, field)));
            for (String control : List.of("\u0000", "\u0007", "\u001B", "\u007F", "\u202E", "\uD800")) {
                cases.add(dynamicTest(field + " with U+" + String.format("%04X", (int) control.charAt(0)), () -> {
                    String value = insertInMiddle(String.valueOf(w.valid().getOrDefault(field, "ABC")), control);
                    byte[] body = ESCAPING.writeValueAsBytes(with(w.valid(), field, value));
                    assertRefused(send(w, "application/json", body), 400, field);
                }));
            }
        }
        return cases;
    }

    private List<DynamicNode> sizeCases(Writer w) {
        long limit = jsonLimit.toBytes();
        String field = w.textFields().isEmpty() ? "x" : w.textFields().get(0);
        return List.of(
                dynamicTest("a body 64 KB over the limit, with its length", () -> {
                    byte[] body = bytes(json(with(w.valid(), field, "x".repeat((int) limit + 64 * 1024))));
                    assertRefused(send(w, "application/json", body), 413, null);
                }),
                dynamicTest("a body over the limit, chunked (no length given)", () -> {
                    HttpResponse<String> response = http.send(request(w.caller(), w.path())
                            .header("Content-Type", "application/json")
                            .method(w.method(), HttpRequest.BodyPublishers.ofInputStream(
                                    () -> jsonStream(field, limit + 256 * 1024))).build(), HttpResponse.BodyHandlers.ofString());
                    assertRefused(response, 413, null);
                }),
                dynamicTest("a body announced at 100 times the limit is refused before it is sent", () ->
                        assertRefusedOnHeaders(w, "application/json", limit * 100)));
    }

    // ---- no body, file upload

    @TestFactory
    Stream<DynamicNode> endpointsWithoutBodyRefuseLargeOnes() {
        return writers().stream().filter(w -> w.body() == Body.NONE).map(w -> dynamicTest(w.method() + " " + w.template(),
                () -> assertRefusedOnHeaders(w, "application/json", jsonLimit.toBytes() * 100)));
    }

    @TestFactory
    Stream<DynamicNode> uploadsAreRefusedReadably() {
        Writer w = writers().stream().filter(x -> x.body() == Body.FILE).findFirst().orElseThrow();
        Charset gbk = Charset.forName("GBK");
        return Stream.of(
                dynamicTest("a file over the upload limit (" + uploadLimit.toMegabytes() + " MB) is refused before it is sent",
                        () -> assertRefusedOnHeaders(w, "multipart/form-data; boundary=b0undary", uploadLimit.toBytes() + 1)),
                dynamicTest("an empty file", () -> assertRefused(upload(new byte[0], "a.csv", Map.of()), 400, "file")),
                dynamicTest("no file part", () -> assertRefused(send(w, "multipart/form-data; boundary=b0undary",
                        multipart(null, null, Map.of("async", "false"))), 400, "file")),
                dynamicTest("a PNG image", () -> assertRefused(upload(png(), "logo.png", Map.of()), 400, "file")),
                dynamicTest("an old Excel .xls file", () -> assertRefused(upload(xls(), "customers.xls", Map.of()), 400, "file")),
                dynamicTest("a ZIP that is not a workbook", () -> assertRefused(upload(zip(), "customers.xlsx", Map.of()), 400, "file")),
                dynamicTest("a header and then bytes neither UTF-8 nor GBK", () -> {
                    byte[] garbage = concat(csv("深圳".repeat(3) + "有限公司"), new byte[] {(byte) 0xFF, (byte) 0x80, (byte) 0xFF, '\n'});
                    assertRefused(upload(garbage, "garbage.csv", Map.of()), 400, "file");
                }),
                dynamicTest("GBK content sent as charset=UTF-8", () -> assertRefused(upload(
                        (CSV_HEADER + "广州市银河资讯有限公司\n").getBytes(gbk), "a.csv", Map.of("charset", "UTF-8")), 400, "file")),
                dynamicTest("an unknown charset", () -> assertRefused(upload(csv("甲公司"), "a.csv", Map.of("charset", "KLINGON-8")),
                        400, "charset")),
                dynamicTest("async=maybe", () -> assertRefused(upload(csv("甲公司"), "a.csv", Map.of("async", "maybe")), 400, "async")),
                dynamicTest("JSON instead of a file", () -> assertRefused(send(w, "application/json", bytes("{}")), 415, null)),
                dynamicTest("a multipart body that is cut off", () -> {
                    byte[] whole = multipart("a.csv", csv("甲公司"), Map.of());
                    assertRefused(send(w, "multipart/form-data; boundary=b0undary",
                            Arrays.copyOf(whole, whole.length / 2)), 400, null);
                }),
                dynamicTest("a multipart body without its boundary", () -> assertRefused(send(w, "multipart/form-data",
                        multipart("a.csv", csv("甲公司"), Map.of())), 400, null)),
                dynamicTest("a file name of 300 characters", () -> {
                    HttpResponse<String> response = upload(csv(Processes.uniqueName("长文件名") + "\n"),
                            "长".repeat(300) + ".csv", Map.of());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(JSON.readTree(response.body()).get("fileName").asText()).hasSizeLessThanOrEqualTo(255);
                }),
                dynamicTest("rows with a 1 MB name or control characters are reported as invalid rows", () -> {
                    String t = UUID.randomUUID().toString().substring(0, 6);
                    byte[] file = csv("长".repeat(1_000_000) + "\n"
                            + "控制" + t + "\u0000字符有限公司\n"
                            + "正常" + t + "有限公司,,联系\u001B人\n"
                            + "正常" + t + "二有限公司,,,,,,,," + "x".repeat(100_000) + "\n");
                    HttpResponse<String> response = upload(file, "rows.csv", Map.of());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode rows = JSON.readTree(response.body()).get("rows");
                    assertThat(rows).hasSize(4);
                    rows.forEach(row -> {
                        assertThat(row.get("outcome").asText()).as(row.toString()).isEqualTo("INVALID");
                        assertThat(row.get("message").asText()).containsPattern(CHINESE);
                        assertNoLeaks(row.get("message").asText());
                    });
                }));
    }

    // ---- query parameters and path variables of GET endpoints

    @TestFactory
    Stream<DynamicNode> queryParametersAndIdsOfWrongTypeAreRefusedOrClamped() {
        Map<String, HandlerMethod> endpoints = endpoints();
        return readers().stream().map(r -> {
            HandlerMethod handler = endpoints.get("GET " + r.template());
            List<String> queries = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (Pageable.class.isAssignableFrom(parameter.getParameterType())) {
                    queries.addAll(List.of("page=abc", "page=-1", "page=99999999999", "size=abc", "size=-1", "size=0",
                            "size=100000", "sort=nope", "sort=id,sideways", "sort=", "page=1&page=2"));
                }
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                    String name = param.name().isEmpty() ? param.value().isEmpty() ? parameter.getParameterName()
                            : param.value() : param.name();
                    assertThat(name).as("name of a parameter of " + r.template()).isNotNull();
                    queries.addAll(List.of(name + "=abc", name + "=-1", name + "=0", name + "=99999999999",
                            name + "=100000", name + "=" + "%E9%95%BF".repeat(600), name + "=%FF%FE"));
                }
            }
            List<DynamicTest> cases = new ArrayList<>();
            for (String query : queries) {
                cases.add(dynamicTest("?" + abbreviate(query), () -> assertRefusedOrServed(get(r.caller(), r.path() + "?" + query))));
            }
            if (r.template().contains("{id}")) {
                for (String id : List.of("abc", "-1", "0", "99999999999999999999", "1.5", "%E9%95%BF")) {
                    cases.add(dynamicTest("{id} = " + id, () ->
                            assertRefusedOrServed(get(r.caller(), r.template().replace("{id}", id)))));
                }
            }
            return dynamicContainer("GET " + r.template(), cases);
        });
    }

    // ---- error answers are JSON, also to a browser

    @TestFactory
    Stream<DynamicNode> errorsOfTheApiAreChineseJsonEvenForABrowser() {
        List<DynamicNode> cases = new ArrayList<>();
        Stream.concat(writers().stream().map(w -> Map.entry(w.path(), w.caller())),
                        readers().stream().map(r -> Map.entry(r.path(), r.caller())))
                .forEach(e -> cases.add(dynamicTest("DELETE " + e.getKey(), () -> assertRefused(http.send(
                        request(e.getValue(), e.getKey()).header("Accept", "text/html").DELETE().build(),
                        HttpResponse.BodyHandlers.ofString()), 405, null))));
        cases.add(dynamicTest("an unknown /api path", () -> assertRefused(http.send(
                request(REP_A1, "/api/no-such-thing").header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString()), 404, null)));
        cases.add(dynamicTest("no credentials", () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/registrations"))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertRefused(response, 401, null);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }));
        cases.add(dynamicTest("not allowed (a rep asking for the audit log)", () -> assertRefused(http.send(
                request(REP_A1, "/api/audit").header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString()), 403, null)));
        return cases.stream();
    }

    // ---- assertions

    /** The answer is {@code status}, JSON with a Chinese message (naming {@code field} if given) and nothing internal. */
    private static void assertRefused(HttpResponse<String> response, int status, String field) throws IOException {
        String what = response.request().method() + " " + response.request().uri().getRawPath() + " → "
                + response.statusCode() + " " + abbreviate(response.body());
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertNoLeaks(response.body());
        JsonNode body = JSON.readTree(response.body());
        List<String> messages = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        if (body.hasNonNull("message")) {
            messages.add(body.get("message").asText());
        }
        body.path("errors").forEach(e -> {
            messages.add(e.path("message").asText());
            fields.add(e.path("field").asText());
        });
        assertThat(messages).as(what).isNotEmpty().allSatisfy(m -> assertThat(m).containsPattern(CHINESE));
        if (field != null) {
            assertThat(fields).as(what).contains(field);
        }
    }

    private static void assertNoLeaks(String body) {
        for (String leak : LEAKS) {
            assertThat(body).as("answer shows internals").doesNotContainIgnoringCase(leak);
        }
    }

    /** A GET with odd parameters: served (page sizes clamped) or refused with 400/404, never a server error. */
    private static void assertRefusedOrServed(HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        String what = response.request().uri().getRawPath() + "?" + abbreviate(String.valueOf(response.request().uri().getRawQuery()))
                + " → " + status + " " + abbreviate(response.body());
        assertThat(status).as(what).isIn(200, 400, 404);
        if (status != 200) {
            assertRefused(response, status, null);
        } else if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            JsonNode size = JSON.readTree(response.body()).get("size");
            if (size != null) {
                assertThat(size.asInt()).as(what + ": page size clamped").isBetween(1, 2000);
            }
        }
    }

    /**
     * Announces a body of {@code length} bytes with {@code Expect: 100-continue} and sends none of it: the server
     * must answer 413 with a Chinese JSON message on the headers alone, not ask for the body.
     */
    private void assertRefusedOnHeaders(Writer w, String contentType, long length) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((w.method() + " " + w.path() + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
                    + basic(w.caller()) + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
                    + "\r\nExpect: 100-continue\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).as("the server asked for the body instead of refusing it").doesNotStartWith("HTTP/1.1 100");
            assertThat(head).as(head).startsWith("HTTP/1.1 413");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            byte[] rest = in.readAllBytes();
            String body = new String(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ? dechunk(rest) : rest,
                    StandardCharsets.UTF_8);
            assertNoLeaks(body);
            assertThat(JSON.readTree(body).path("message").asText()).containsPattern(CHINESE);
        }
    }

    // ---- requests

    private HttpResponse<String> send(Writer w, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(w.caller(), w.path()).header("Content-Type", contentType)
                .method(w.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(byte[] content, String fileName, Map<String, String> fields)
            throws IOException, InterruptedException {
        return http.send(request(ADMIN, "/api/customers/import").header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(fileName, content, fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", basic(user))
                .header("Accept", "application/json");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    // ---- bodies

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(valid == null ? Map.of() : valid);
        changed.put(field, value);
        return changed;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON of {@code valid} with {@code field} set to a string holding {@code raw} bytes as they are. */
    private static byte[] replaceInJson(Map<String, Object> valid, String field, String marker, byte[] raw) {
        byte[] json = bytes(json(with(valid, field, "前" + marker + "后")));
        byte[] pattern = bytes(marker);
        for (int i = 0; i <= json.length - pattern.length; i++) {
            if (Arrays.equals(json, i, i + pattern.length, pattern, 0, pattern.length)) {
                return concat(Arrays.copyOf(json, i), raw,
                        Arrays.copyOfRange(json, i + pattern.length, json.length));
            }
        }
        throw new IllegalStateException("marker not found");
    }

    /** {"field":"xxx…"} of {@code length} bytes, produced as it is read. */
    private static InputStream jsonStream(String field, long length) {
        byte[] start = bytes("{\"" + field + "\":\"");
        byte[] end = bytes("\"}");
        long fill = length - start.length - end.length;
        InputStream xs = new InputStream() {
            long left = fill;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(start), xs,
                new ByteArrayInputStream(end))));
    }

    private static byte[] csv(String rows) {
        return bytes(CSV_HEADER + rows);
    }

    private static byte[] multipart(String fileName, byte[] content, Map<String, String> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            out.write(bytes("--b0undary\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n"));
        }
        if (fileName != null) {
            out.write(bytes("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            out.write(content);
            out.write(bytes("\r\n"));
        }
        out.write(bytes("--b0undary--\r\n"));
        return out.toByteArray();
    }

    private static byte[] png() {
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0}, new byte[200]);
    }

    private static byte[] xls() {
        return concat(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                new byte[512]);
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(bytes("<w:document/>"));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String insertInMiddle(String value, String inserted) {
        int middle = value.offsetByCodePoints(0, value.codePointCount(0, value.length()) / 2);
        return value.substring(0, middle) + inserted + value.substring(middle);
    }

    // ---- HTTP by hand (for Expect: 100-continue)

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = indexOf(chunked, i);
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    // ---- mappings

    /** "METHOD /api/..." → handler, for every /api mapping of the application. */
    private Map<String, HandlerMethod> endpoints() {
        Map<String, HandlerMethod> endpoints = new LinkedHashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            mapping.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(p ->
                    mapping.getKey().getMethodsCondition().getMethods().forEach(m ->
                            endpoints.put(m + " " + p, mapping.getValue())));
        }
        return endpoints;
    }

    private static Body bodyOf(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return Body.JSON;
            }
            if (parameter.hasParameterAnnotation(RequestPart.class)
                    || MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
                return Body.FILE;
            }
        }
        return Body.NONE;
    }

    private static String abbreviate(String text) {
        String oneLine = String.valueOf(text).replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X ", b));
        }
        return hex.toString().trim();
    }
}
