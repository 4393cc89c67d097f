package io.baobei.registration;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.identity.UserDirectory;
import io.baobei.privacy.EncryptedStringVariable;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ReviseRegistration (修改报备), the submitter's own task.
 * <p>
 * On create: puts the contact data the rep entered on the task, so the form shows it for editing instead of blank
 * fields. The process keeps no contact data (Task_ValidateRegistration removes it); these copies are task-local, so
 * only this task's assignee (the submitter) reads them, they end with the task, they are stored encrypted
 * ({@link EncryptedStringVariable}) and never reach history (their names are personal: engine.PersonalDataHistoryLevel).
 * Also names the manager who sent it back.
 * <p>
 * On complete: a form submission writes each field where a variable of that name is found first, so the edited
 * contact data lands in these task-local copies, which end with the task; they are handed to the process for
 * Task_ValidateRegistration (which moves them to the registration and removes them in this same transaction). A
 * completion with variables ({@code taskService.complete}, the REST API) writes process variables instead; those win.
 */
@Component
public class ReviseTaskListener implements TaskListener {

    private final RegistrationService service;
    private final UserDirectory directory;
    private final RegistrationNotices notices;

    public ReviseTaskListener(RegistrationService service, UserDirectory directory, RegistrationNotices notices) {
        this.service = service;
        this.directory = directory;
        this.notices = notices;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            handContactDataToProcess(task);
            return;
        }
        Registration registration = service.inProcess(registrationId(task.getExecution()), task.getProcessInstanceId(),
                RegistrationStatus.REVISION);
        task.setVariableLocal(REVIEWER_NAME, directory.name(registration.getDecidedBy()));
        task.setVariablesLocal(contactData(registration, task.getAssignee()));
        notices.sentBack(registration, task.getId());
    }

    /**
     * The task-local variables that show {@code assignee} the contact data of {@code registration}, encrypted at rest:
     * none unless the assignee is the submitter, whose data it is.
     */
    static Map<String, Object> contactData(Registration registration, String assignee) {
        Map<String, Object> variables = new HashMap<>();
        if (registration.getSubmitter().equals(assignee)) {
            put(variables, CONTACT_NAME, registration.getContactName());
            put(variables, PHONE, registration.getPhone());
            put(variables, EMAIL, registration.getEmail());
        }
        return variables;
    }

    private static void put(Map<String, Object> variables, String name, String value) {
        if (value != null) {
            variables.put(name, EncryptedStringVariable.of(value));
        }
    }

    private static void handContactDataToProcess(DelegateTask task) {
        for (String name : CONTACT_FIELDS) {
            Object onTask = task.getVariableLocal(name);
            if (onTask != null && !task.getExecution().hasVariable(name)) {
                task.getExecution().setVariable(name, onTask.toString());
            }
        }
    }
}
