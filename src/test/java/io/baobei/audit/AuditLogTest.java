package io.baobei.audit;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * The audit log records a registration's life with actor, before → after and reason, and its hash chain
 * detects an entry changed or deleted behind the application's back (on H2 and on PostgreSQL).
 */
@BaobeiSpringTest
class AuditLogTest {

    @Autowired AuditLog auditLog;
    @Autowired JdbcTemplate jdbc;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;

    @Test
    void aRegistrationsLifeIsAuditedWithActorsAndTheChainDetectsTampering() {
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("审计测试")));
        processes.executeJob(instance);
        var review = task(instance);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of("reviewDecision", "REJECT", "reviewReason", "信息不全"));
        });
        Long id = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();

        List<Map<String, Object>> trail = jdbc.queryForList("select actor, action, before_state, after_state, reason "
                + "from audit_entry where object_type = 'REGISTRATION' and object_id = ? order by id", id.toString());
        assertThat(trail).extracting(r -> r.get("action"))
                .containsExactly("REGISTRATION_SUBMITTED", "DUPLICATE_CHECKED", "REGISTRATION_REVIEWED");
        assertThat(trail).extracting(r -> r.get("actor")).containsExactly(TestIdentities.REP_A1, "system", TestIdentities.MGR_A);
        assertThat(trail.get(2)).containsEntry("before_state", "status=IN_REVIEW").containsEntry("reason", "信息不全");
        assertThat((String) trail.get(2).get("after_state")).contains("status=REJECTED");

        assertThat(auditLog.verify().valid()).isTrue();

        Long entry = jdbc.queryForObject("select max(id) from audit_entry where object_id = ?", Long.class, id.toString());
        String original = jdbc.queryForObject("select reason from audit_entry where id = ?", String.class, entry);
        jdbc.update("update audit_entry set reason = '改过的原因' where id = ?", entry);
        AuditLog.Verification tampered = auditLog.verify();
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.brokenAt()).isEqualTo(entry);
        jdbc.update("update audit_entry set reason = ? where id = ?", original, entry);
        assertThat(auditLog.verify().valid()).isTrue();
    }

    @Test
    void deletingAnEntryIsDetected() {
        auditLog.recordAs("tester", "TEST", "TEST", 1, null, null, "first");
        auditLog.recordAs("tester", "TEST", "TEST", 2, null, null, "second");
        auditLog.recordAs("tester", "TEST", "TEST", 3, null, null, "third");
        assertThat(auditLog.verify().valid()).isTrue();
        Long middle = jdbc.queryForObject("select id from audit_entry where reason = 'second' and actor = 'tester' "
                + "order by id desc limit 1", Long.class);
        Map<String, Object> saved = jdbc.queryForMap("select * from audit_entry where id = ?", middle);
        jdbc.update("delete from audit_entry where id = ?", middle);
        assertThat(auditLog.verify().valid()).isFalse();
        // put it back exactly, so the other tests in this shared database see an intact chain
        jdbc.update("insert into audit_entry (id, occurred_at, actor, action, object_type, object_id, before_state, "
                        + "after_state, reason, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?)", saved.get("id"),
                saved.get("occurred_at"), saved.get("actor"), saved.get("action"), saved.get("object_type"),
                saved.get("object_id"), saved.get("before_state"), saved.get("after_state"), saved.get("reason"),
                saved.get("prev_hash"), saved.get("hash"));
        assertThat(auditLog.verify().valid()).isTrue();
    }
}
