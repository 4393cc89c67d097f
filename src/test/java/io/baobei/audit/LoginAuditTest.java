package io.baobei.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

/**
 * Failed logins cannot flood the audit chain: a thousand with made-up names add a bounded number of entries,
 * one summary counts all the others, names arrive clean and short, and the chain still verifies.
 */
@BaobeiWebTest
class LoginAuditTest {

    private static final Pattern FAILURES = Pattern.compile("failures=(\\d+) throttled=(\\d+)");
    private static final Pattern INVISIBLE = Pattern.compile("\\p{C}");

    @Autowired TestRestTemplate rest;
    @Autowired LoginAudit loginAudit;
    @Autowired JdbcTemplate jdbc;
    @Value("${baobei.login.audit.max-entries}") int maxEntries;

    private int failLogin(String name, String address) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(name, "wrong", StandardCharsets.UTF_8);
        headers.set("X-Forwarded-For", address); // from the test client on loopback, a trusted proxy
        return rest.exchange("/api/customers", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                .getStatusCode().value();
    }

    @Test
    void aThousandFailedLoginsWithMadeUpNamesAddABoundedNumberOfEntriesAndASummaryCountsThem() {
        loginAudit.summarise(); // earlier tests' failures go into a summary of their own
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from audit_entry", Long.class);

        String repeated = "same-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(failLogin(repeated, "192.0.2.200")).isEqualTo(401);
        }
        int attempts = 1000;
        for (int i = 0; i < attempts; i++) {
            String random = UUID.randomUUID().toString();
            String name = switch (i % 3) {
                case 0 -> random;
                case 1 -> "\u0000ev\u202Eil\r\n\u200B" + random;
                default -> "长".repeat(300) + random;
            };
            // ten addresses: each is refused by the per-address throttle after its first failures
            assertThat(failLogin(name, "192.0.2." + (1 + i % 10))).isIn(401, 429);
        }
        loginAudit.summarise();

        List<Map<String, Object>> added = jdbc.queryForList("select actor, action, object_id, after_state, reason "
                + "from audit_entry where id > ? order by id", before);
        List<Map<String, Object>> single = added.stream().filter(r -> LoginAudit.FAILED.equals(r.get("action"))).toList();
        List<Map<String, Object>> summaries = added.stream()
                .filter(r -> LoginAudit.SUMMARY.equals(r.get("action"))).toList();
        assertThat(single.size() + summaries.size()).as("nothing else was written").isEqualTo(added.size());
        assertThat(single).as("at most max-entries of their own").hasSizeLessThanOrEqualTo(maxEntries);
        assertThat(single).filteredOn(r -> repeated.equals(r.get("actor"))).as("one entry per name and window")
                .hasSize(1);
        assertThat(summaries).hasSize(1);

        Matcher counts = FAILURES.matcher((String) summaries.get(0).get("after_state"));
        assertThat(counts.find()).isTrue();
        assertThat(single.size() + Long.parseLong(counts.group(1))).as("every failure is counted")
                .isEqualTo(5 + attempts);
        assertThat(Long.parseLong(counts.group(2))).as("refused by the address throttle").isPositive();
        assertThat((String) summaries.get(0).get("reason")).contains("192.0.2.1 (");

        for (Map<String, Object> entry : single) {
            for (String field : new String[] {"actor", "object_id"}) {
                String value = (String) entry.get(field);
                assertThat(value).hasSizeLessThanOrEqualTo(LoginAudit.MAX_NAME_LENGTH);
                assertThat(INVISIBLE.matcher(value).find()).as("control characters in %s", value).isFalse();
            }
            assertThat((String) entry.get("after_state")).startsWith("address=192.0.2.");
        }
        assertThat(single).extracting(r -> (String) r.get("actor")).anyMatch(a -> a.startsWith("evil"))
                .anyMatch(a -> a.startsWith("长") && a.endsWith("…"));

        String verify = rest.withBasicAuth(TestIdentities.ADMIN, TestIdentities.PASSWORD)
                .getForObject("/api/audit/verify", String.class);
        assertThat(verify).contains("\"valid\":true");
    }
}
