package io.baobei.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.engine.TaskCardListener;
import io.baobei.engine.TaskCardUpgrade;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/** The Tasklist filters as a rep reads them through Tasklist (which adds its own sorting, newest first). */
@BaobeiSpringTest
class TasklistFiltersTest {

    @Autowired
    FilterService filterService;
    @Autowired
    TaskService taskService;
    @Autowired
    OwnershipService ownership;
    @Autowired
    TestIdentities identities;
    @Autowired
    Processes processes;
    @Autowired
    TasklistFilters tasklistFilters;
    @Autowired
    TaskCardUpgrade taskCardUpgrade;

    @Test
    void myTasksListTheMostUrgentFirstWhateverTasklistSortsBy() {
        String rep = identities.newRep("filt", TestIdentities.TEAM_A);
        Instant now = Instant.now();
        // created first, due last: Tasklist's default sorting (creation date, newest first) would list it first
        String later = importOwned(Processes.uniqueName("筛选远期"), rep, now.plus(Duration.ofDays(20)));
        String urgent = importOwned(Processes.uniqueName("筛选紧急"), rep, now.plus(Duration.ofDays(2)));
        String middle = importOwned(Processes.uniqueName("筛选中期"), rep, now.plus(Duration.ofDays(9)));

        String filterId = filterService.createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult().getId();
        List<Task> listed = processes.as(rep, () -> filterService.list(filterId,
                taskService.createTaskQuery().orderByTaskCreateTime().desc()));

        assertThat(listed).extracting(Task::getProcessInstanceId).containsExactly(
                instanceOf(urgent), instanceOf(middle), instanceOf(later));
    }

    @Test
    void managersLandOnTheirReviewsAndRepsDoNotSeeThem() {
        List<String> repFilters = visibleFilters(TestIdentities.REP_A1);
        List<String> managerFilters = visibleFilters(TestIdentities.MGR_A);

        // Tasklist opens the first filter by priority
        assertThat(repFilters).doesNotContain(TasklistFilters.TO_REVIEW, TasklistFilters.CLAIMS_TO_APPROVE,
                TasklistFilters.EXTENSIONS_TO_DECIDE)
                .first().isEqualTo(TasklistFilters.MY_TASKS);
        assertThat(managerFilters).first().isEqualTo(TasklistFilters.TO_REVIEW);
        assertThat(managerFilters).contains(TasklistFilters.MY_TASKS, TasklistFilters.CLAIMS_TO_APPROVE,
                TasklistFilters.EXTENSIONS_TO_DECIDE);
    }

    @Test
    void cardsShowTheCompanyNameUnderItsOwnNameAlsoAfterAnUpgrade() {
        // as an earlier version left them: a filter naming the old card variable, with a colour an admin chose...
        Filter saved = filterService.createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult();
        Map<String, Object> old = new HashMap<>(saved.getProperties());
        old.put("variables", List.of(Map.of("name", TaskCardListener.COMPANY_NAME, "label", "公司名称")));
        old.put("color", "#123456");
        saved.setProperties(old);
        filterService.saveFilter(saved);
        // ...and an open task whose card copy shadows the process variable companyName
        String rep = identities.newRep("card", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("卡片升级");
        Task task = taskService.createTaskQuery().processInstanceId(instanceOf(
                importOwned(company, rep, Instant.now().plus(Duration.ofDays(5))))).singleResult();
        assertThat(taskService.getVariableLocal(task.getId(), TaskCardListener.CARD_COMPANY_NAME))
                .as("a new task's card").isEqualTo(company);
        taskService.removeVariableLocal(task.getId(), TaskCardListener.CARD_COMPANY_NAME);
        taskService.setVariableLocal(task.getId(), TaskCardListener.COMPANY_NAME, company);

        tasklistFilters.run(null);
        taskCardUpgrade.run(null);

        Filter upgraded = filterService.createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult();
        assertThat(upgraded.getProperties()).containsEntry("variables",
                List.of(Map.of("name", TaskCardListener.CARD_COMPANY_NAME, "label", "公司名称")))
                .containsEntry("color", "#123456");
        assertThat(taskService.getVariablesLocal(task.getId())).containsEntry(TaskCardListener.CARD_COMPANY_NAME, company)
                .doesNotContainKey(TaskCardListener.COMPANY_NAME);
        assertThat(taskService.getVariable(task.getId(), TaskCardListener.COMPANY_NAME)).as("the process variable")
                .isEqualTo(company);
        // the rep still sees the task in the filter
        List<Task> listed = processes.as(rep, () -> filterService.list(upgraded.getId()));
        assertThat(listed).extracting(Task::getId).contains(task.getId());
    }

    /** The filters {@code user} may read, in Tasklist's order (by the "priority" property). */
    private List<String> visibleFilters(String user) {
        return processes.as(user, () -> filterService.createTaskFilterQuery().list()).stream()
                .sorted(java.util.Comparator.comparingInt(f -> ((Number) f.getProperties().get("priority")).intValue()))
                .map(org.camunda.bpm.engine.filter.Filter::getName).toList();
    }

    private String importOwned(String company, String rep, Instant followUpDue) {
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "王先生", Processes.uniqueMobile(), null, "IT", "浙江省杭州市", Grade.B);
        Long id = ownership.importCustomer(customer,
                new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A, null, null, followUpDue),
                "筛选测试导入", "test").getId();
        return String.valueOf(id);
    }

    private String instanceOf(String customerId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(customerId).singleResult().getProcessInstanceId();
    }
}
