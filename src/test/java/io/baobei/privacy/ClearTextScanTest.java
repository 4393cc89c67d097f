package io.baobei.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * At every moment of a lifecycle, with review, revision, conflict and follow-up tasks open and after the reclaim
 * to the pool, not one column of any table — Camunda's ACT_* tables included, runtime and history, binary columns
 * too — holds a contact name, phone or email in clear text, and no engine table keeps a follow-up note once its
 * task is done. Runs on H2 and, in the second run, on PostgreSQL.
 */
@BaobeiSpringTest
class ClearTextScanTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;

    @Test
    void noTableHoldsContactDataInClearText() throws SQLException {
        init(engine);
        String phone = Processes.uniqueMobile();
        String email = "secret." + phone + "@example.cn";
        String contact = "明文扫描" + phone.substring(7);
        String company = Processes.uniqueName("明文扫描测试");
        Set<String> needles = Set.of(phone, email, contact, "+86" + phone);
        List<String> found = new ArrayList<>();
        ProcessInstance registration = processes.submit(TestIdentities.REP_A1, new RegistrationForm(
                company, null, contact, phone, email, "IT", "广东省深圳市", "A",
                LocalDate.now().toString(), "需求"));
        processes.executeJob(registration);
        found.addAll(scan(needles, "review task open"));
        var review = task(registration);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of("reviewDecision", "REVISE", "reviewReason", "请核实"));
        });
        // the revision task shows the submitter the contact data entered (task-local, stored encrypted)
        assertThat(taskService.getVariablesLocal(task(registration).getId()))
                .containsEntry("phone", phone).containsEntry("email", email).containsEntry("contactName", contact);
        found.addAll(scan(needles, "revision task open"));
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(task(registration).getId(),
                new RegistrationForm(company, null, contact, phone, email, "IT", "广东省深圳市", "A",
                        LocalDate.now().toString(), "需求").toVariables()));
        processes.executeJob(registration);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(task(registration).getId(), TestIdentities.MGR_A);
            taskService.complete(task(registration).getId(), Map.of("reviewDecision", "APPROVE"));
        });
        processes.executeJob(registration);
        Long customerId = registrations.findByProcessInstanceId(registration.getId()).orElseThrow().getCustomerId();

        // a colleague registers the same company: the conflict task opens with the colleague's contact data submitted
        String otherPhone = Processes.uniqueMobile();
        String otherContact = "撞单联系" + otherPhone.substring(7);
        ProcessInstance conflict = processes.submit(TestIdentities.REP_B1, new RegistrationForm(company, null,
                otherContact, otherPhone, null, "IT", "广东省深圳市", "B", LocalDate.now().toString(), null));
        processes.executeJob(conflict);
        assertThat(task(conflict).getTaskDefinitionKey()).isEqualTo("Task_ResolveConflict");
        Set<String> allNeedles = new java.util.HashSet<>(needles);
        allNeedles.addAll(Set.of(otherPhone, otherContact));
        found.addAll(scan(allNeedles, "conflict task open"));

        ProcessInstance protection = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProtectionVariables.PROCESS_KEY).processInstanceBusinessKey(customerId.toString())
                .singleResult();
        found.addAll(scan(allNeedles, "follow-up task open"));
        var followUp = task(protection);
        // a follow-up note is free text and may name a person and a number: it belongs in follow_up, never in the
        // engine's history (the note as submitted, nor the earlier follow-ups the next task shows)
        String note = "电话沟通，对接人跟进扫描" + otherPhone.substring(7) + "，手机 " + Processes.uniqueMobile();
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(followUp.getId(), Map.of(
                "followUpAction", "RECORD", "channel", "PHONE", "content", note,
                "nextContactDate", LocalDate.now().plusDays(2).toString())));
        processes.executeJob(protection);
        assertThat((String) taskService.getVariableLocal(task(protection).getId(),
                ProtectionVariables.EARLIER_FOLLOW_UPS)).as("the next task shows the note").contains(note);
        found.addAll(scan(Set.of(note), "follow-up recorded, next task open", "ACT_HI_"));
        processes.fireTimer(protection, "BoundaryEvent_ProtectionExpired");
        processes.executeJob(protection);
        assertThat(jdbc.queryForObject("select status from customer where id = ?", String.class, customerId))
                .isEqualTo("POOL");
        found.addAll(scan(allNeedles, "after reclaim"));
        found.addAll(scan(Set.of(note), "after reclaim", "ACT_"));

        assertThat(found).as("columns holding contact data in clear text").isEmpty();
        // the scan itself works: it finds a value that is meant to be stored in clear
        assertThat(scan(Set.of("明文扫描测试"), "company")).isNotEmpty();
    }

    /** Every table and column (text and binary) holding one of {@code needles}, as "moment: TABLE.COLUMN". */
    private List<String> scan(Set<String> needles, String moment) throws SQLException {
        return scan(needles, moment, "");
    }

    /** The same, in the tables whose name starts with {@code tablePrefix} (any case). */
    private List<String> scan(Set<String> needles, String moment, String tablePrefix) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = connection.getSchema();
            try (ResultSet columns = meta.getColumns(connection.getCatalog(), schema, "%", "%")) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME");
                    if (!table.toUpperCase(java.util.Locale.ROOT).startsWith(tablePrefix)) {
                        continue;
                    }
                    String column = columns.getString("COLUMN_NAME");
                    int type = columns.getInt("DATA_TYPE");
                    if (isText(type) || isBinary(type)) {
                        List<byte[]> values = jdbc.query("select " + quote(column) + " from " + quote(table)
                                + " where " + quote(column) + " is not null", (rs, i) -> isText(type)
                                ? rs.getString(1).getBytes(StandardCharsets.UTF_8) : rs.getBytes(1));
                        for (byte[] value : values) {
                            if (needles.stream().anyMatch(n -> contains(value, n.getBytes(StandardCharsets.UTF_8)))) {
                                hits.add(moment + ": " + table + "." + column);
                                break;
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static boolean isText(int type) {
        return type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.CLOB
                || type == Types.NVARCHAR || type == Types.NCHAR || type == Types.NCLOB;
    }

    private static boolean isBinary(int type) {
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
