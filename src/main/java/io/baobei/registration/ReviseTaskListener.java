package io.baobei.registration;

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

    public ReviseTaskListener(RegistrationService service, UserDirectory directory) {
        this.service = service;
        this.directory = directory;
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
        if (!registration.getSubmitter().equals(task.getAssignee())) {
            return; // the contact data is for the submitter's eyes only
        }
        setContact(task, CONTACT_NAME, registration.getContactName());
        setContact(task, PHONE, registration.getPhone());
        setContact(task, EMAIL, registration.getEmail());
    }

    private static void setContact(DelegateTask task, String name, String value) {
        if (value != null) {
            task.setVariableLocal(name, EncryptedStringVariable.of(value));
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
