package io.baobei.identity;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskCardListener;

/** The Tasklist filters a rep and a manager want, created once at start-up and shared with both groups. */
@Component
@Order(2)
public class TasklistFilters implements ApplicationRunner {

    static final String MY_TASKS = "我的任务";
    static final String TO_REVIEW = "待我审核";
    static final String DUE_SOON = "即将到期";
    static final String CLAIMS_TO_APPROVE = "待我审批领取";
    static final String EXTENSIONS_TO_DECIDE = "待我审批延期";

    /** what every filter's task cards show: the task-local copy of the company name (engine.TaskCardListener) */
    static final List<Map<String, String>> CARD_VARIABLES =
            List.of(Map.of("name", TaskCardListener.CARD_COMPANY_NAME, "label", "公司名称"));

    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityBootstrap bootstrap;

    public TasklistFilters(FilterService filterService, TaskService taskService, IdentityBootstrap bootstrap) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.bootstrap = bootstrap;
    }

    @Override
    public void run(ApplicationArguments args) {
        // most urgent first: Tasklist adds its own sorting (creation date by default) after the filter's
        ensure(MY_TASKS, "分配给我的全部任务", -10, "#3c78d8",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
        // the managers' filter, and the first in their list (Tasklist opens the first filter by priority): a manager lands
        // on the reviews waiting for them; reps never review, so they do not see it and land on 我的任务
        // also the appeals (裁决申诉) they decide: the team's managers, or the directors when the owner is in another team
        ensure(TO_REVIEW, "我所管理团队的待审核报备与待裁决申诉（含已认领）", -20, "#e69138",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskDefinitionKeyIn("Task_ReviewRegistration", "Task_DecideAppeal").includeAssignedTasks(),
                // directors: the reviews escalated to them (their group is then a candidate)
                Groups.MANAGERS, Groups.SALES_DIRECTORS, Groups.ADMINS);
        ensure(DUE_SOON, "三天内到期的我的任务", 0, "#cc0000",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                        .dueBeforeExpression("${dateTime().plusDays(3).toDate()}").orderByDueDate().asc());
        // reps never have claims to approve: the filter is the managers' (and admins')
        ensure(CLAIMS_TO_APPROVE, "我所管理团队的公海领取审批（含已认领）", -4, "#6aa84f",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskDefinitionKey("Task_ApproveClaim").includeAssignedTasks(),
                Groups.MANAGERS, Groups.ADMINS);
        ensure(EXTENSIONS_TO_DECIDE, "我所管理团队的延期申请审批（含已认领）", -2, "#a64d79",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskDefinitionKey("Task_DecideExtension").includeAssignedTasks(),
                Groups.MANAGERS, Groups.ADMINS);
    }

    private void ensure(String name, String description, int priority, String color, TaskQuery query) {
        ensure(name, description, priority, color, query, Groups.SALES, Groups.MANAGERS, Groups.ADMINS);
    }

    private static boolean sameQuery(TaskQuery saved, TaskQuery wanted) {
        JsonTaskQueryConverter json = new JsonTaskQueryConverter();
        return json.toJson((TaskQueryImpl) saved).toString().equals(json.toJson((TaskQueryImpl) wanted).toString());
    }

    private void ensure(String name, String description, int priority, String color, TaskQuery query,
                        String... groups) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name)
                    .setProperties(Map.of("description", description, "priority", priority, "color", color,
                            "refresh", true,
                            "variables", CARD_VARIABLES))
                    .setQuery(query);
            filterService.saveFilter(filter);
        } else if (!sameQuery(filter.getQuery(), query) || !Integer.valueOf(priority).equals(filter.getProperties().get("priority"))
                || !CARD_VARIABLES.equals(filter.getProperties().get("variables"))) {
            // an upgrade changed the filter (its sorting, its place in the list, its card variable): the saved one
            // follows; other properties (a colour an admin chose) stay
            Map<String, Object> properties = new java.util.HashMap<>(filter.getProperties());
            properties.put("priority", priority);
            properties.put("variables", CARD_VARIABLES);
            filter.setProperties(properties);
            filter.setQuery(query);
            filterService.saveFilter(filter);
        }
        List<String> readers = List.of(groups);
        for (String group : List.of(Groups.SALES, Groups.MANAGERS, Groups.SALES_DIRECTORS, Groups.ADMINS)) {
            if (readers.contains(group)) {
                bootstrap.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
            } else {
                // an upgrade took the filter from this group (待我审核 was once shown to reps)
                bootstrap.revoke(group, Resources.FILTER, filter.getId());
            }
        }
    }
}
