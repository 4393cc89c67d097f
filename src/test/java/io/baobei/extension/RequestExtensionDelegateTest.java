package io.baobei.extension;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.TEAM_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bean behind Task_RequestExtension of CustomerProtectionProcess (the follow-up task's 申请延期, modelled by the
 * protection feature), driven with a DelegateExecution of that process as it would be: business key = customer id,
 * the owner and the two form fields as variables. Within the limits it asks exactly as the API does; a refusal is
 * recorded and notified, never thrown (an exception there would be an incident of the protection process).
 */
@BaobeiSpringTest
class RequestExtensionDelegateTest {

    @Autowired ApplicationContext context;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired TestIdentities identities;
    @Autowired ExtensionRequestRepository requests;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;

    @Test
    void withinTheLimitsTheFollowUpTaskAsksTheTeamsManagersAsTheApiDoes() throws Exception {
        String rep = identities.newRep("extDlg", TEAM_A);
        Customer customer = held(rep, Grade.B);
        // the name the protection model's camunda:delegateExpression uses
        Object bean = context.getBean("requestExtensionDelegate");
        assertThat(bean).isInstanceOf(RequestExtensionDelegate.class);

        ((RequestExtensionDelegate) bean).execute(followUp(customer, rep, 10L, "客户下月才能确定预算"));

        ExtensionRequest request = only(customer.getId());
        assertThat(request.getStatus()).isEqualTo(ExtensionStatus.PENDING);
        assertThat(request.getChannel()).isEqualTo(ExtensionChannel.TASKLIST);
        assertThat(request.getRequester()).isEqualTo(rep);
        assertThat(request.getDays()).isEqualTo(10);
        assertThat(request.getReason()).isEqualTo("客户下月才能确定预算");
        assertThat(request.getProtectionProcessInstanceId()).isEqualTo(customer.getProtectionProcessInstanceId());
        assertThat(taskService.createTaskQuery().processInstanceId(request.getProcessInstanceId())
                .taskDefinitionKey("Task_DecideExtension").singleResult()).isNotNull();
    }

    @Test
    void overTheLimitsTheRequestIsRecordedRefusedAndTheOwnerToldWithoutAnException() throws Exception {
        String rep = identities.newRep("extDlgLimit", TEAM_A);
        Customer customer = held(rep, Grade.C);

        new RequestExtensionDelegate(context.getBean(ExtensionService.class))
                .execute(followUp(customer, rep, "20", "需要更长时间"));

        ExtensionRequest request = only(customer.getId());
        assertThat(request.getStatus()).isEqualTo(ExtensionStatus.REFUSED);
        assertThat(request.getMessage()).isEqualTo("C、D 级客户每次最多延期 15 天");
        assertThat(notification(request, rep)).contains("延期申请未受理").contains("C、D 级客户每次最多延期 15 天");
    }

    @Test
    void aSecondRequestOrOneFromAnEndedProtectionIsRecordedRefusedNotThrown() throws Exception {
        String rep = identities.newRep("extDlgTwice", TEAM_A);
        Customer customer = held(rep, Grade.B);
        RequestExtensionDelegate delegate = context.getBean(RequestExtensionDelegate.class);
        delegate.execute(followUp(customer, rep, 10L, "第一次"));

        delegate.execute(followUp(customer, rep, 10L, "第二次"));

        List<ExtensionRequest> all = requests.findAll().stream()
                .filter(r -> r.getCustomerId().equals(customer.getId())).toList();
        assertThat(all).extracting(ExtensionRequest::getStatus)
                .containsExactlyInAnyOrder(ExtensionStatus.PENDING, ExtensionStatus.REFUSED);
        ExtensionRequest refused = all.stream().filter(r -> r.getStatus() == ExtensionStatus.REFUSED).findFirst()
                .orElseThrow();
        assertThat(refused.getMessage()).contains("已有一份待审批的延期申请");
        assertThat(refused.getProcessInstanceId()).as("no process for it").isNull();
        assertThat(notification(refused, rep)).contains("未受理");

        // a follow-up task of a protection that is no longer the customer's current one
        Customer other = held(rep, Grade.B);
        Map<String, Object> stale = variables(rep, 5L, "旧任务");
        delegate.execute(execution(other.getId().toString(), "ended-protection-instance", stale));
        assertThat(only(other.getId()).getStatus()).isEqualTo(ExtensionStatus.REFUSED);
        assertThat(only(other.getId()).getMessage()).contains("不在您的保护期中");
    }

    @Test
    void daysAndReasonTheFormShouldHaveRequiredAreFieldErrorsOfItsFields() {
        String rep = identities.newRep("extDlgForm", TEAM_A);
        Customer customer = held(rep, Grade.B);
        RequestExtensionDelegate delegate = context.getBean(RequestExtensionDelegate.class);

        assertThatThrownBy(() -> delegate.execute(followUp(customer, rep, null, " ")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field)
                        .containsExactly(ExtensionVariables.EXTENSION_DAYS, ExtensionVariables.EXTENSION_REASON));
        assertThat(requests.findAll()).noneMatch(r -> r.getCustomerId().equals(customer.getId()));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Customer held(String owner, Grade grade) {
        String name = Processes.uniqueName("中山市延期任务");
        Customer customer = new Customer(name, grade, Instant.now());
        customer.updateDetails(name, null, "孙先生", Processes.uniqueMobile(), null, "IT", "广东省", grade);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, TEAM_A), "测试导入", "test");
    }

    private ExtensionRequest only(Long customerId) {
        List<ExtensionRequest> found = requests.findAll().stream().filter(r -> r.getCustomerId().equals(customerId)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private String notification(ExtensionRequest request, String recipient) {
        return jdbc.queryForObject("select title || ' ' || body from notification where event_key = ? and recipient = ?",
                String.class, "extension:" + request.getId() + ":decided", recipient);
    }

    private static Map<String, Object> variables(String owner, Object days, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProtectionVariables.OWNER, owner);
        variables.put(ExtensionVariables.EXTENSION_DAYS, days);
        variables.put(ExtensionVariables.EXTENSION_REASON, reason);
        return variables;
    }

    /** The execution of Task_RequestExtension in the customer's running protection process. */
    private static DelegateExecution followUp(Customer customer, String owner, Object days, String reason) {
        return execution(customer.getId().toString(), customer.getProtectionProcessInstanceId(),
                variables(owner, days, reason));
    }

    private static DelegateExecution execution(String businessKey, String processInstanceId, Map<String, Object> variables) {
        return (DelegateExecution) Proxy.newProxyInstance(RequestExtensionDelegateTest.class.getClassLoader(),
                new Class<?>[] {DelegateExecution.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getVariable" -> variables.get((String) args[0]);
                    case "getProcessBusinessKey", "getBusinessKey" -> businessKey;
                    case "getProcessInstanceId" -> processInstanceId;
                    case "toString" -> "DelegateExecution of " + processInstanceId;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
