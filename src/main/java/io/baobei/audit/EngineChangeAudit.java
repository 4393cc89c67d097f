package io.baobei.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Brings changes made through Camunda itself into the audit log: rule changes (a BPMN, DMN or form deployment,
 * at start-up or from Modeler through /engine-rest) and what an admin does in Cockpit, Admin or /engine-rest
 * (Camunda's user operation log of the categories Admin and Operator: deleting a deployment, changing a variable,
 * cancelling an instance, users, groups, authorizations …). Both are written in the engine's transaction.
 * <p>
 * The audit log is looked up on first use: the engine deploys the models while it is being built, before the
 * application's beans are complete.
 */
@Component
public class EngineChangeAudit extends AbstractProcessEnginePlugin {

    static final String RULES_DEPLOYED = "RULES_DEPLOYED";
    /** Admin actions are recorded; task work (claim, complete) is already in the business entries. */
    private static final Set<String> CATEGORIES = Set.of(UserOperationLogEntry.CATEGORY_ADMIN,
            UserOperationLogEntry.CATEGORY_OPERATOR);

    private final ObjectProvider<AuditLog> auditLog;

    public EngineChangeAudit(ObjectProvider<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.persistence.deploy.Deployer> deployers =
                configuration.getCustomPostDeployers() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(this::deployed);
        configuration.setCustomPostDeployers(deployers);

        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new OperationLogHandler());
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /**
     * Called for every deployment the engine parses; only a new one is a change (not a cache reload). The actor
     * is the engine's authenticated user (an admin through /engine-rest), else the system at start-up.
     */
    void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        StringJoiner before = new StringJoiner("; ");
        StringJoiner after = new StringJoiner("; ");
        definitions(deployment).forEach(definition -> {
            before.add(definition.getKey() + (definition.getVersion() > 1 ? " v" + (definition.getVersion() - 1) : " 无"));
            String file = definition.getResourceName().substring(definition.getResourceName().lastIndexOf('/') + 1);
            after.add(definition.getKey() + " v" + definition.getVersion() + " (" + file
                    + " sha256:" + sha256(deployment.getResource(definition.getResourceName())) + ")");
        });
        if (after.length() == 0) {
            return; // resources without definitions (e.g. a script file): nothing executable changed
        }
        CommandContext command = Context.getCommandContext();
        String actor = command == null ? null : command.getAuthenticatedUserId();
        auditLog.getObject().recordAs(actor == null ? AuditLog.SYSTEM : actor, RULES_DEPLOYED, "DEPLOYMENT", deployment.getId(), before.toString(),
                after.toString(), "部署 " + deployment.getName()
                        + (deployment.getSource() == null ? "" : "（来源 " + deployment.getSource() + "）"));
    }

    private static Stream<ResourceDefinition> definitions(DeploymentEntity deployment) {
        return deployment.getDeployedArtifacts() == null ? Stream.empty()
                : deployment.getDeployedArtifacts().values().stream()
                        .flatMap(list -> ((List<?>) list).stream())
                        .filter(ResourceDefinition.class::isInstance)
                        .map(ResourceDefinition.class::cast);
    }

    private static String sha256(ResourceEntity resource) {
        if (resource == null || resource.getBytes() == null) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resource.getBytes());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sees every history event; only Camunda's user operation log entries of admin work are recorded. */
    private final class OperationLogHandler implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof UserOperationLogEntryEventEntity entry)
                    || !CATEGORIES.contains(entry.getCategory())
                    || isRecordedElsewhere(entry)) {
                return;
            }
            String property = entry.getProperty() == null ? "" : entry.getProperty() + "=";
            auditLog.getObject().recordAs(entry.getUserId(), "CAMUNDA_" + snake(entry.getOperationType()),
                    snake(entry.getEntityType()), objectId(entry),
                    entry.getOrgValue() == null ? null : property + entry.getOrgValue(),
                    entry.getNewValue() == null ? null : property + entry.getNewValue(),
                    "Camunda 操作 " + entry.getOperationId());
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }

    /**
     * A new deployment is recorded with its definitions by {@link #deployed}; a process instance started in
     * Tasklist is a registration, recorded by the application as REGISTRATION_SUBMITTED.
     */
    private static boolean isRecordedElsewhere(UserOperationLogEntryEventEntity entry) {
        return UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(entry.getOperationType())
                && (EntityTypes.DEPLOYMENT.equals(entry.getEntityType())
                    || EntityTypes.PROCESS_INSTANCE.equals(entry.getEntityType()));
    }

    private static String objectId(UserOperationLogEntryEventEntity entry) {
        // the most specific object first: an instance's entries also name its deployment
        return Stream.of(entry.getTaskId(), entry.getJobId(), entry.getExternalTaskId(), entry.getProcessInstanceId(),
                        entry.getBatchId(), entry.getDeploymentId(), entry.getProcessDefinitionKey())
                .filter(id -> id != null && !id.isEmpty())
                .findFirst().orElse(null);
    }

    /** "SetJobRetries" → "SET_JOB_RETRIES" */
    static String snake(String camel) {
        return camel == null ? null : camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
