package io.baobei.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
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
        assertThat(repFilters).doesNotContain(TasklistFilters.TO_REVIEW, TasklistFilters.CLAIMS_TO_APPROVE)
                .first().isEqualTo(TasklistFilters.MY_TASKS);
        assertThat(managerFilters).first().isEqualTo(TasklistFilters.TO_REVIEW);
        assertThat(managerFilters).contains(TasklistFilters.MY_TASKS, TasklistFilters.CLAIMS_TO_APPROVE);
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
