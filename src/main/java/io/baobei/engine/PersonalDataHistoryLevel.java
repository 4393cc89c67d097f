package io.baobei.engine;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Camunda's full history, except that contact data never reaches the history tables.
 * A registration form submits contact name, phone and email as process variables; the first service
 * task moves them into the business tables and removes them in the same transaction, so they never
 * persist at runtime. Full history would still keep them in ACT_HI_VARINST / ACT_HI_DETAIL; this level
 * drops the variable events of those names and the form-field events of submissions.
 */
public class PersonalDataHistoryLevel implements HistoryLevel {

    public static final String NAME = "baobei-full";
    private static final int ID = 31;

    private final Set<String> personalVariableNames;

    public PersonalDataHistoryLevel(Set<String> personalVariableNames) {
        this.personalVariableNames = Set.copyOf(personalVariableNames);
    }

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
            return false;
        }
        if (entity instanceof VariableInstance variable && personalVariableNames.contains(variable.getName())) {
            return false;
        }
        return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
    }

    /** Same id and name mean the same level; the engine compares levels when it starts. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalDataHistoryLevel level && level.getId() == ID;
    }

    @Override
    public int hashCode() {
        return ID;
    }
}
