package io.baobei.engine;

import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

import io.baobei.common.BusinessRuleException;

/**
 * A decision taken through the REST API instead of Tasklist (a review, an appeal, an extension): the task is claimed
 * for the caller first, as Tasklist's 认领 does, so both ways complete the same task and its history names the
 * decider; a task another decider has claimed is theirs (409), as in Tasklist.
 */
public final class DecisionTasks {

    private DecisionTasks() {
    }

    /**
     * Claims {@code task} for {@code username} unless it is theirs already; refused when another user holds it.
     *
     * @param what   the task's word in the refusal: 该{what}任务已由 … 认领
     * @param nameOf how people are named to the caller (UserDirectory.nameAndLogin)
     */
    public static void claimFor(TaskService taskService, Task task, String username, String what,
                                UnaryOperator<String> nameOf) {
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), username);
        } else if (!task.getAssignee().equals(username)) {
            throw new BusinessRuleException("该" + what + "任务已由 " + nameOf.apply(task.getAssignee()) + " 认领");
        }
    }
}
