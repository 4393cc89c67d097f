package io.baobei.engine;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

import io.baobei.common.InvalidInputException;

/**
 * The engine's own API (Tasklist's {@code /camunda/api}, {@code /engine-rest}, Java calls made while a user is
 * signed in) is an entry point like {@code /api}. Camunda's authorizations say who may start a process or work on
 * a task, not how: whoever may create an instance may also start it at an inner step, choose the business key the
 * delegates load their registration by, and send variables the model trusts. For every signed-in user who is not
 * a Camunda admin this interceptor lets
 * <ul>
 *   <li>a process instance begin only at its start event, without a business key, skip flags or start
 *       instructions, carrying only the fields of its start form;</li>
 *   <li>a task be completed only with the fillable fields of its form;</li>
 *   <li>no variable be written, no instance be moved, restarted, migrated, signalled or correlated, no BPMN error
 *       or escalation be thrown from a task, and no job be run or rescheduled around the models;</li>
 *   <li>no one but the model say who works on a process task: a task the model assigns (客户跟进, 修改报备, 撞单处理,
 *       选择公海客户) is never unassigned, handed on or given other candidates, since an unassigned follow-up task
 *       leaves every filter and the customer is reclaimed unnoticed; a task offered to a group (审核报备, 审批领取)
 *       may only be claimed by a member for themselves and given back to the group by whoever holds it, which
 *       loses nothing. Admins may reassign either.</li>
 * </ul>
 * Commands without a signed-in user (the job executor, start-up) and commands the engine runs inside another
 * command (a delegate starting a process) pass: the command that reached the engine from outside was checked.
 * Registered after Camunda's command-context interceptor, so a refusal rolls the whole command back.
 */
public class EngineEntryGuard extends CommandInterceptor {

    static final String ADMIN_ONLY = "只有管理员可以这样改动流程：流程只能从开始表单发起，任务只能通过其表单完成";

    /** Commands that create, move or feed process instances around their models: admins only. */
    private static final List<Class<?>> ADMIN_ONLY_COMMANDS = List.of(
            StartProcessInstanceAtActivitiesCmd.class, AbstractRestartProcessInstanceCmd.class,
            ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
            ProcessInstanceModificationBatchCmd.class, MigrateProcessInstanceCmd.class,
            AbstractCorrelateMessageCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class,
            SignalCmd.class, EvaluateStartConditionCmd.class, HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
            AbstractSetVariableCmd.class, AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
            ExecuteJobsCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobRetriesCmd.class);

    static final String MODEL_ASSIGNED = "此任务由流程指派给负责人，不能取消指派或转交他人；客户如需转交，请联系主管";
    static final String GROUP_TASK = "此任务只能由您本人认领，或由认领人退回给组；不能指派给他人或更改候选人";

    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    @Override
    public <T> T execute(Command<T> command) {
        int depth = DEPTH.get();
        DEPTH.set(depth + 1);
        try {
            if (depth == 0) {
                check(command, Context.getCommandContext());
            }
            return next.execute(command);
        } catch (RuntimeException e) {
            if (depth == 0) {
                EngineRefusals.remember(e);
            }
            throw e;
        } finally {
            if (depth == 0) {
                DEPTH.remove();
            } else {
                DEPTH.set(depth);
            }
        }
    }

    private static void check(Command<?> command, CommandContext context) {
        Authentication user = context.getAuthentication();
        if (user == null || user.getUserId() == null || context.getAuthorizationManager().isCamundaAdmin(user)) {
            return;
        }
        if (ADMIN_ONLY_COMMANDS.stream().anyMatch(type -> type.isInstance(command))) {
            throw new EntryRefusedException(ADMIN_ONLY);
        }
        if (command instanceof StartProcessInstanceCmd start) {
            ProcessInstantiationBuilderImpl builder = field(start, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
            var modification = builder.getModificationBuilder();
            if (builder.getCaseInstanceId() != null || builder.getRestartedProcessInstanceId() != null
                    || modification != null && (!modification.getModificationOperations().isEmpty()
                    || modification.isSkipCustomListeners() || modification.isSkipIoMappings())) {
                throw new EntryRefusedException(ADMIN_ONLY);
            }
            ProcessDefinitionEntity definition = definition(context, builder.getProcessDefinitionId(),
                    builder.getProcessDefinitionKey());
            checkStart(context, definition, builder.getBusinessKey(), builder.getVariables());
        } else if (command instanceof SubmitStartFormCmd submit) {
            ProcessDefinitionEntity definition = definition(context,
                    field(submit, "processDefinitionId", String.class), null);
            checkStart(context, definition, field(submit, "businessKey", String.class),
                    field(submit, "variables", Map.class));
        } else if (command instanceof CompleteTaskCmd complete) { // also ResolveTaskCmd
            String taskId = field(complete, "taskId", String.class);
            checkVariables(taskFormFields(context, taskId), field(complete, "variables", Map.class));
        } else if (command instanceof SubmitTaskFormCmd submit) {
            String taskId = field(submit, "taskId", String.class);
            checkVariables(taskFormFields(context, taskId), field(submit, "properties", Map.class));
        } else {
            checkAssignment(command, context, user.getUserId());
        }
    }

    /**
     * Who works on a process task. Tasklist's "×" beside the assignee is {@code unclaim} (ClaimTaskCmd without a
     * user), its "reset" and the assignee field are {@code setAssignee} (AssignTaskCmd), "add groups" adds identity
     * links, and {@code PUT /task/{id}} (SaveTaskCmd) can rewrite the assignee too: all are checked here.
     */
    private static void checkAssignment(Command<?> command, CommandContext context, String me) {
        String taskId;
        boolean takeOrGiveBack; // a change a group task allows: claim for oneself, or give one's own claim back
        if (command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd) {
            taskId = field(command, "taskId", String.class);
            String to = field(command, "userId", String.class);
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            String holder = task == null ? null : task.getAssignee();
            // claiming a task a colleague holds is refused by ClaimTaskCmd itself ("already claimed")
            takeOrGiveBack = to == null ? holder == null || holder.equals(me)
                    : to.equals(me) && (holder == null || command instanceof ClaimTaskCmd);
        } else if (command instanceof AbstractSetTaskPropertyCmd<?> property
                && command instanceof AbstractAddIdentityLinkCmd) { // owner, candidate users and groups
            taskId = field(property, "taskId", String.class);
            takeOrGiveBack = false;
        } else if (command instanceof DeleteIdentityLinkCmd delete) {
            taskId = field(delete, "taskId", String.class);
            takeOrGiveBack = false;
        } else if (command instanceof DelegateTaskCmd delegate) {
            taskId = field(delegate, "taskId", String.class);
            takeOrGiveBack = false;
        } else if (command instanceof SaveTaskCmd save) {
            TaskEntity changed = field(save, "task", TaskEntity.class);
            TaskEntity stored = changed.getId() == null ? null : context.getTaskManager().findTaskById(changed.getId());
            if (stored == null || Objects.equals(stored.getAssignee(), changed.getAssignee())
                    && Objects.equals(stored.getOwner(), changed.getOwner())) {
                return; // a new task (Camunda's CREATE permission decides) or other properties (due date)
            }
            taskId = stored.getId();
            takeOrGiveBack = Objects.equals(stored.getOwner(), changed.getOwner())
                    && (changed.getAssignee() == null ? me.equals(stored.getAssignee())
                    : changed.getAssignee().equals(me) && stored.getAssignee() == null);
        } else {
            return;
        }
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessDefinitionId() == null) {
            return; // unknown (the command itself reports it) or a standalone task: Camunda's authorizations decide
        }
        TaskDefinition definition = task.getTaskDefinition();
        if (definition != null && definition.getAssigneeExpression() != null) {
            throw new EntryRefusedException(MODEL_ASSIGNED);
        }
        if (!takeOrGiveBack) {
            throw new EntryRefusedException(GROUP_TASK);
        }
    }

    private static void checkStart(CommandContext context, ProcessDefinitionEntity definition, String businessKey,
                                   Map<?, ?> variables) {
        // the business key names the registration the delegates work on: only the process itself sets it
        if (businessKey != null && !businessKey.isBlank()) {
            throw new EntryRefusedException("业务键由系统生成，不能在发起流程时指定");
        }
        Set<String> allowed = definition == null ? Set.of() : startFormFields(context, definition.getId());
        checkVariables(allowed, variables);
    }

    /** Only the form's own fields, and only plain values: a byte array or an object is no form input. */
    private static void checkVariables(Set<String> allowed, Map<?, ?> variables) {
        if (variables == null) {
            return;
        }
        for (Map.Entry<?, ?> entry : variables.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!allowed.contains(name)) {
                throw InvalidInputException.of(name, "表单中没有字段“" + shorten(name) + "”，不能提交");
            }
            if (!isPlainValue(entry.getValue())) {
                throw InvalidInputException.of(name, "字段“" + shorten(name) + "”的值格式不正确");
            }
        }
    }

    static boolean isPlainValue(Object value) {
        if (value instanceof TypedValue typed) {
            ValueType type = typed.getType();
            if (typed.getValue() == null) {
                return type == null || type == ValueType.NULL || type.isPrimitiveValueType() && type != ValueType.BYTES;
            }
            return type != null && type.isPrimitiveValueType() && type != ValueType.BYTES && isPlainValue(typed.getValue());
        }
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof Date;
    }

    private static Set<String> startFormFields(CommandContext context, String processDefinitionId) {
        InputStream form;
        try {
            form = new GetDeployedStartFormCmd(processDefinitionId).execute(context);
        } catch (ProcessEngineException noForm) {
            return Set.of(); // no start form: a start carries no variables
        }
        return form == null ? Set.of() : FormFields.writable(form);
    }

    private static Set<String> taskFormFields(CommandContext context, String taskId) {
        InputStream form;
        try {
            form = new GetDeployedTaskFormCmd(taskId).execute(context);
        } catch (org.camunda.bpm.engine.AuthorizationException e) {
            throw e;
        } catch (ProcessEngineException noForm) {
            return Set.of(); // unknown task or no form: the completion itself answers for an unknown task
        }
        return form == null ? Set.of() : FormFields.writable(form);
    }

    private static ProcessDefinitionEntity definition(CommandContext context, String id, String key) {
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        try {
            return id != null ? cache.findDeployedProcessDefinitionById(id)
                    : key != null ? cache.findDeployedLatestProcessDefinitionByKey(key) : null;
        } catch (ProcessEngineException unknown) {
            return null; // the start itself reports the unknown definition
        }
    }

    private static String shorten(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    /**
     * Camunda's commands keep their arguments in protected fields without getters. Read by name; should a Camunda
     * upgrade rename one, every non-admin call of that kind is refused (fail closed) and EngineEntryGuardTest fails.
     */
    private static <V> V field(Object command, String name, Class<V> type) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return type.cast(field.get(command));
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException | ClassCastException e) {
                break;
            }
        }
        throw new EntryRefusedException(ADMIN_ONLY);
    }
}
