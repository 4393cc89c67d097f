package io.baobei.pool;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

@BaobeiSpringTest
class PoolClaimSmokeTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;

    @Test
    void aRepSearchesPicksAndGetsAPoolCustomer() {
        init(engine);
        String name = Processes.uniqueName("深圳市星河");
        Customer customer = new Customer(name, Grade.B, Instant.now());
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        Long id = ownership.importCustomer(customer, null, "测试", "test").getId();

        ProcessInstance claim = processes.as(TestIdentities.REP_A1, () -> runtimeService
                .startProcessInstanceByKey(PoolClaimVariables.PROCESS_KEY, Map.of("searchText", "深圳星河")));
        assertThat(claim).isWaitingAt("Task_ChooseCustomer");
        assertThat(runtimeService.getVariable(claim.getId(), PoolClaimVariables.POOL_OPTIONS).toString()).contains(name);
        Task choose = task(claim);
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(choose.getId(),
                Map.of("customerId", id.toString(), "chooseAction", "CLAIM")));
        assertThat(claim).isEnded().hasPassed("EndEvent_ClaimGranted");
        Customer claimed = customers.findById(id).orElseThrow();
        assertThat(claimed.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(claimed.getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(taskService.createTaskQuery().processInstanceId(claimed.getProtectionProcessInstanceId())
                .taskAssignee(TestIdentities.REP_A1).count()).isEqualTo(1);
    }
}
