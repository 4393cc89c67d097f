package io.baobei.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule changes and admin work done through Camunda (Modeler deployments via /engine-rest, Cockpit, Admin)
 * land in the hash-chained audit log with the admin's name, like the application's own changes.
 */
@BaobeiSpringTest
class EngineChangeAuditTest {

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcTemplate jdbc;
    @Autowired Processes processes;
    @Autowired AuditLog auditLog;
    @Autowired ProcessEngine engine;

    @Test
    void theModelsDeployedAtStartUpAreRecordedAsTheSystemsChange() {
        List<Map<String, Object>> deployed = jdbc.queryForList("select actor, before_state, after_state from audit_entry "
                + "where action = 'RULES_DEPLOYED' and after_state like '%ProtectionPolicy v%' order by id");
        assertThat(deployed).isNotEmpty();
        assertThat(deployed.get(0)).containsEntry("actor", AuditLog.SYSTEM);
        assertThat((String) deployed.get(0).get("after_state"))
                .contains("CustomerRegistrationProcess v1 (CustomerRegistrationProcess.bpmn sha256:")
                .contains("ProtectionPolicy v1");
    }

    @Test
    void anAdminsNewDecisionTableAndItsRemovalAreRecordedWithBeforeAndAfter() throws IOException {
        String policy = policyWith("90", "120"); // grade A protected for 120 days instead of 90
        Deployment deployment = processes.as(TestIdentities.ADMIN, () -> repositoryService.createDeployment()
                .name("政策调整").source("Camunda Modeler")
                .addString("ProtectionPolicy.dmn", policy).deploy());
        int version = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("ProtectionPolicy")
                .deploymentId(deployment.getId()).singleResult().getVersion();
        try {
            Map<String, Object> entry = jdbc.queryForMap("select actor, object_type, before_state, after_state, reason "
                    + "from audit_entry where action = 'RULES_DEPLOYED' and object_id = ?", deployment.getId());
            assertThat(entry).containsEntry("actor", TestIdentities.ADMIN).containsEntry("object_type", "DEPLOYMENT")
                    .containsEntry("before_state", "ProtectionPolicy v" + (version - 1));
            assertThat((String) entry.get("after_state")).startsWith("ProtectionPolicy v" + version + " (ProtectionPolicy.dmn sha256:");
            assertThat((String) entry.get("reason")).contains("政策调整").contains("Camunda Modeler");
        } finally {
            processes.asUser(TestIdentities.ADMIN, () -> repositoryService.deleteDeployment(deployment.getId(), true));
        }
        // taking the version back out is a rule change too (the previous table applies again)
        Map<String, Object> removal = jdbc.queryForMap("select actor, object_type from audit_entry "
                + "where action = 'CAMUNDA_DELETE' and object_id = ?", deployment.getId());
        assertThat(removal).containsEntry("actor", TestIdentities.ADMIN).containsEntry("object_type", "DEPLOYMENT");
        assertThat(auditLog.verify().valid()).isTrue();
    }

    @Test
    void anAdminChangingAProcessVariableInCockpitIsRecorded() {
        var instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("驾驶舱变量")));
        processes.asUser(TestIdentities.ADMIN, () -> runtimeService.setVariable(instance.getId(), "reviewReason", "管理员改"));
        Map<String, Object> entry = jdbc.queryForMap("select actor, object_type, after_state from audit_entry "
                + "where action = 'CAMUNDA_SET_VARIABLE' and object_id = ?", instance.getId());
        assertThat(entry).containsEntry("actor", TestIdentities.ADMIN).containsEntry("object_type", "VARIABLE");
        // the rep's start through Tasklist is business, recorded as REGISTRATION_SUBMITTED, not twice
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action like 'CAMUNDA%' and object_id = ?",
                Long.class, instance.getId())).isOne();
    }

    @Test
    void reloadingDefinitionsIntoTheCacheIsNoChange() {
        long before = jdbc.queryForObject("select count(*) from audit_entry where action = 'RULES_DEPLOYED'", Long.class);
        // after its cache is cleared (or after a restart) the engine parses the deployments again
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache()
                .discardProcessDefinitionCache();
        String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey("CustomerRegistrationProcess")
                .latestVersion().singleResult().getId();
        assertThat(((RepositoryServiceImpl) repositoryService).getDeployedProcessDefinition(id)).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'RULES_DEPLOYED'", Long.class))
                .isEqualTo(before);
    }

    private static String policyWith(String from, String to) throws IOException {
        try (InputStream in = EngineChangeAuditTest.class.getResourceAsStream("/processes/ProtectionPolicy.dmn")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xml).contains("<text>" + from + "</text>");
            return xml.replaceFirst("<text>" + from + "</text>", "<text>" + to + "</text>");
        }
    }
}
