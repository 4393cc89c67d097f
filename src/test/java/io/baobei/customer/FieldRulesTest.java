package io.baobei.customer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import io.baobei.dedup.CreditCodes;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each field rule at its boundaries, one table for every way a field arrives: {@code POST /api/registrations} (the
 * Tasklist forms go through the same validator), the duplicate check {@code POST /api/duplicates/check}, the import,
 * and the forms' own validation in the browser (their {@code validate} attributes as Camunda Forms applies them). A
 * value is accepted or refused with the same Chinese message on every path; the browser never refuses what the server
 * accepts. The only difference is deliberate: a registration needs its contact, industry, region, grade and date, an
 * import row or a check only the company name.
 */
@BaobeiWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldRulesTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final Set<String> CHECK_FIELDS = Set.of("companyName", "creditCode", "phone", "email");
    private static final Set<String> IMPORT_FIELDS = Set.of("companyName", "creditCode", "contactName", "phone", "email",
            "industry", "region", "grade");
    private static final List<CamundaForm> FORMS = List.of(CamundaForm.read("registration-start.form"),
            CamundaForm.read("registration-revise.form"));

    @Autowired TestRestTemplate rest;
    @Autowired TestIdentities identities;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;

    /** a rep of their own: no customers (no quota, no "already yours"), a check limit nobody else uses */
    private String rep;

    /**
     * One value of one field: {@code value} makes it from a tag unique to each use (strong keys must not meet an
     * earlier customer); {@code refusal} is the message, null when accepted; {@code registrationOnly}: refused only
     * where the registration needs the field; {@code formRefuses}: the browser can tell already.
     */
    record Case(String name, String field, Function<String, String> value, String refusal, boolean registrationOnly,
                boolean formRefuses) {

        @Override
        public String toString() {
            return name;
        }

        boolean refusedIn(boolean registration) {
            return refusal != null && (registration || !registrationOnly);
        }
    }

    private static Case accepted(String name, String field, Function<String, String> value) {
        return new Case(field + " " + name, field, value, null, false, false);
    }

    private static Case refused(String name, String field, Function<String, String> value, String refusal,
                                boolean formRefuses) {
        return new Case(field + " " + name, field, value, refusal, false, formRefuses);
    }

    private static Case missing(String field, String refusal, boolean registrationOnly) {
        return new Case(field + " empty", field, tag -> "", refusal, registrationOnly, true);
    }

    List<Case> cases() {
        LocalDate today = LocalDate.now(clock);
        String mobileWithSeparators = "+86" + "-".repeat(16); // + 11 digits = 30 characters
        return List.of(
                accepted("of 100 characters", "companyName", tag -> companyOfLength(tag, 100)),
                refused("of 101 characters", "companyName", tag -> companyOfLength(tag, 101), "公司名称不能超过 100 个字符", true),
                refused("of one character", "companyName", tag -> "甲", "公司名称至少需要两个有效字符", true),
                refused("of punctuation only", "companyName", tag -> "!!（）", "公司名称至少需要两个有效字符", false),
                missing("companyName", "请填写公司名称", false),

                accepted("of 18 characters", "creditCode", tag -> creditCode()),
                accepted("of 25 characters with blanks", "creditCode", tag -> spaced(creditCode(), 7)),
                refused("of 26 characters with blanks", "creditCode", tag -> spaced(creditCode(), 8),
                        "统一社会信用代码不能超过 25 个字符", true),
                refused("with a wrong check character", "creditCode", tag -> wrongCheckCharacter(creditCode()),
                        "统一社会信用代码不正确：应为18位数字或大写字母，且校验位正确", false),

                accepted("of 50 characters", "contactName", tag -> "联".repeat(50)),
                refused("of 51 characters", "contactName", tag -> "联".repeat(51), "联系人不能超过 50 个字符", true),
                missing("contactName", "请填写联系人", true),

                accepted("of 30 characters", "phone", tag -> mobileWithSeparators + Processes.uniqueMobile()),
                refused("of 31 characters", "phone", tag -> mobileWithSeparators + "-" + Processes.uniqueMobile(),
                        "联系电话不能超过 30 个字符", true),
                refused("not a number", "phone", tag -> "12345",
                        "联系电话格式不正确：应为11位手机号或带区号的固定电话，如 13800138000 或 020-88889999", false),
                missing("phone", "请填写联系电话", true),

                accepted("of 100 characters", "email", tag -> emailOfLength(tag, 100)),
                accepted("in capitals with blanks around", "email", tag -> " Li" + tag + "@Example.CN "),
                refused("of 101 characters", "email", tag -> emailOfLength(tag, 101), "邮箱不能超过 100 个字符", true),
                refused("without a domain", "email", tag -> "wang" + tag + "@", "邮箱格式不正确，如 name@example.com", true),
                refused("with a one-letter top-level domain", "email", tag -> "wang" + tag + "@example.c",
                        "邮箱格式不正确，如 name@example.com", true),

                accepted("as its code", "industry", tag -> "IT"),
                accepted("as its code in lower case", "industry", tag -> "logistics"),
                accepted("as its Chinese label", "industry", tag -> "信息技术/互联网"),
                refused("not an option", "industry", tag -> "MINING", "所属行业不在可选范围内", false),
                missing("industry", "请选择所属行业", true),

                accepted("of 50 characters", "region", tag -> "区".repeat(50)),
                refused("of 51 characters", "region", tag -> "区".repeat(51), "所在地区不能超过 50 个字符", true),
                missing("region", "请填写所在地区", true),

                accepted("in lower case", "grade", tag -> "a"),
                accepted("as its label", "grade", tag -> "D - 参考客户，暂无计划"),
                refused("not an option", "grade", tag -> "E", "意向等级应为 A、B、C 或 D", false),
                missing("grade", "请选择意向等级", true),

                accepted("today", "firstContactDate", tag -> today.toString()),
                accepted("366 days ago", "firstContactDate", tag -> today.minusDays(366).toString()),
                refused("tomorrow", "firstContactDate", tag -> today.plusDays(1).toString(), "首次接触日期不能晚于今天", false),
                refused("367 days ago", "firstContactDate", tag -> today.minusDays(367).toString(), "首次接触日期不能早于一年前",
                        false),
                refused("written 2026/11/20", "firstContactDate", tag -> "2026/11/20",
                        "首次接触日期格式不正确，应为 YYYY-MM-DD", false),
                missing("firstContactDate", "请填写首次接触日期", true),

                accepted("of 2000 characters", "notes", tag -> "备".repeat(2000)),
                refused("of 2001 characters", "notes", tag -> "备".repeat(2001), "需求/备注不能超过 2000 个字符", true),
                accepted("empty", "notes", tag -> ""));
    }

    @BeforeAll
    void ownRep() {
        // a team of its own: the registrations it leaves in review must not crowd the test team's 待我审核 list,
        // which the browser tests read as a manager would
        rep = identities.newTeam("fieldRules").rep1();
    }

    @Test
    void theTableCoversEveryFieldOfTheDefinition() {
        assertThat(cases().stream().map(Case::field).collect(Collectors.toSet()))
                .isEqualTo(CustomerFields.ALL.stream().map(CustomerFields.Rule::key).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRegistrationApiAppliesTheRule(Case c) {
        Map<String, Object> body = new HashMap<>();
        body.put("companyName", Processes.uniqueName("深圳市字段规则"));
        body.put("contactName", "规则联系人");
        body.put("phone", Processes.uniqueMobile());
        body.put("industry", "IT");
        body.put("region", "广东省深圳市");
        body.put("grade", "B");
        body.put("firstContactDate", LocalDate.now(clock).minusDays(1).toString());
        body.put(c.field(), c.value().apply(tag()));

        ResponseEntity<Map<String, Object>> response = post("/api/registrations", body);

        assertAnswer(response, c, true, HttpStatus.CREATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDuplicateCheckAppliesTheSameRule(Case c) {
        if (!CHECK_FIELDS.contains(c.field())) {
            return; // the check takes only the company name and its strong keys
        }
        Map<String, Object> body = new HashMap<>();
        body.put("companyName", Processes.uniqueName("深圳市规则查重"));
        body.put(c.field(), c.value().apply(tag()));

        assertAnswer(post("/api/duplicates/check", body), c, false, HttpStatus.OK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFormsRefuseInTheBrowserNothingTheServerAccepts(Case c) {
        for (CamundaForm form : FORMS) {
            List<String> errors = form.errors(c.field(), c.value().apply(tag()));
            if (c.refusal() == null) {
                assertThat(errors).as(form.file()).isEmpty();
            } else if (c.formRefuses()) {
                assertThat(errors).as(form.file()).isNotEmpty();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theImportAppliesTheSameRules() {
        List<Case> cases = cases().stream().filter(c -> IMPORT_FIELDS.contains(c.field())).toList();
        List<String> columns = List.of("companyName", "creditCode", "contactName", "phone", "email", "industry",
                "region", "grade");
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Case c : cases) {
            Map<String, String> row = new LinkedHashMap<>();
            columns.forEach(column -> row.put(column, ""));
            row.put("companyName", Processes.uniqueName("广州市导入规则"));
            row.put("region", "广东省广州市"); // a row of blanks only is skipped, not reported
            row.put(c.field(), c.value().apply(tag()));
            csv.append(row.values().stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"")
                    .collect(Collectors.joining(","))).append('\n');
        }

        Map<String, Object> report = upload(csv.toString().getBytes(StandardCharsets.UTF_8));

        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("rows");
        assertThat(rows).hasSameSizeAs(cases);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, Object> row = rows.get(i);
            if (c.refusedIn(false)) {
                softly.assertThat(row.get("outcome")).as(c.name()).isEqualTo("INVALID");
                softly.assertThat(row.get("message")).as(c.name()).isEqualTo(c.refusal());
            } else {
                softly.assertThat(row.get("outcome")).as(c.name() + ": " + row.get("message")).isIn("CREATED", "SUSPECTED");
            }
        }
        softly.assertAll();
        // what an import row without industry or grade gets, and a label stored as its code
        assertThat(customerOf(rows, cases, "industry empty")).extracting(Customer::getIndustry).isEqualTo("OTHER");
        assertThat(customerOf(rows, cases, "grade empty")).extracting(Customer::getGrade).isEqualTo(Grade.C);
        assertThat(customerOf(rows, cases, "industry as its Chinese label")).extracting(Customer::getIndustry)
                .isEqualTo("IT");
        assertThat(customerOf(rows, cases, "grade as its label")).extracting(Customer::getGrade).isEqualTo(Grade.D);
    }

    private Customer customerOf(List<Map<String, Object>> rows, List<Case> cases, String name) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).name().equals(name)) {
                return customers.findById(((Number) rows.get(i).get("customerId")).longValue()).orElseThrow();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private void assertAnswer(ResponseEntity<Map<String, Object>> response, Case c, boolean registration,
                              HttpStatus acceptedStatus) {
        if (!c.refusedIn(registration)) {
            assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(acceptedStatus);
            return;
        }
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors")).as("only the field under test, with its message")
                .isEqualTo(List.of(Map.of("field", c.field(), "message", c.refusal())));
    }

    private ResponseEntity<Map<String, Object>> post(String url, Map<String, Object> body) {
        return rest.withBasicAuth(rep, PASSWORD).exchange(url, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    private Map<String, Object> upload(byte[] content) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "field-rules.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<Map<String, Object>> response = rest.withBasicAuth(ADMIN, PASSWORD).exchange(
                "/api/customers/import", HttpMethod.POST, new HttpEntity<>(form, headers), JSON);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A company name nobody else uses, exactly {@code length} characters long. */
    private static String companyOfLength(String tag, int length) {
        String start = "深圳市" + tag;
        String end = "有限公司";
        return start + "长".repeat(length - start.length() - end.length()) + end;
    }

    private static String emailOfLength(String tag, int length) {
        String domain = "@example.com";
        return "m" + tag + "x".repeat(length - 1 - tag.length() - domain.length()) + domain;
    }

    /** A valid credit code nobody else uses. */
    private static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("91");
        while (code.length() < 17) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return code.toString() + CreditCodes.checkCharacter(code.toString());
    }

    /** {@code code} with a blank after each of its first {@code blanks} characters, as people group it. */
    private static String spaced(String code, int blanks) {
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            spaced.append(code.charAt(i));
            if (i < blanks) {
                spaced.append(' ');
            }
        }
        return spaced.toString();
    }

    private static String wrongCheckCharacter(String code) {
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        return code.substring(0, 17) + wrong;
    }
}
