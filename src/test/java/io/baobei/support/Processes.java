package io.baobei.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.test.context.TestComponent;

import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationVariables;

/** Drives processes in tests as Tasklist would: as a given user, with jobs executed on demand. */
@TestComponent
public class Processes {

    private final ProcessEngine engine;

    public Processes(ProcessEngine engine) {
        this.engine = engine;
    }

    /** A registration form that passes validation, for a company name nobody else uses. */
    public static RegistrationForm validForm(String companyName) {
        return new RegistrationForm(companyName, null, "测试联系人", uniqueMobile(), null, "IT", "广东省深圳市", "B",
                LocalDate.now().minusDays(1).toString(), "测试需求");
    }

    public static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "有限公司";
    }

    public static String uniqueMobile() {
        long digits = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L);
        return String.format("137%08d", digits);
    }

    /** Starts CustomerRegistrationProcess as {@code user}, exactly as Tasklist's start form does. */
    public ProcessInstance submit(String user, RegistrationForm form) {
        return as(user, () -> engine.getRuntimeService()
                .startProcessInstanceByKey(RegistrationVariables.PROCESS_KEY, form.toVariables()));
    }

    /** Runs {@code action} with {@code user} as the engine's authenticated user (authorizations apply). */
    public <T> T as(String user, Supplier<T> action) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        identity.setAuthentication(user, groups);
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    public void asUser(String user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }

    /** Executes the next job of the process instance (async continuation or timer). */
    public void executeJob(ProcessInstance instance) {
        ManagementService management = engine.getManagementService();
        Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        if (job == null) {
            throw new AssertionError("no job for process instance " + instance.getId());
        }
        management.executeJob(job.getId());
    }

    /** Executes the timer job of the given boundary event. */
    public void fireTimer(ProcessInstance instance, String activityId) {
        ManagementService management = engine.getManagementService();
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers()
                .activityId(activityId).singleResult();
        if (timer == null) {
            throw new AssertionError("no timer " + activityId + " for " + instance.getId());
        }
        management.executeJob(timer.getId());
    }

    public Map<String, Object> variables(ProcessInstance instance) {
        return engine.getRuntimeService().getVariables(instance.getId());
    }
}
