package io.baobei.engine;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Adding a candidate group to an open task from a timer's step (an escalation to the directors): a retried job must
 * not add the group a second time, and the engine keeps every identity link it is given.
 */
public final class TaskCandidates {

    private TaskCandidates() {
    }

    /** Makes {@code group} a candidate of task {@code taskId} unless it already is one. */
    public static void addGroupOnce(TaskService taskService, String taskId, String group) {
        boolean already = taskService.getIdentityLinksForTask(taskId).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId()));
        if (!already) {
            taskService.addCandidateGroup(taskId, group);
        }
    }
}
