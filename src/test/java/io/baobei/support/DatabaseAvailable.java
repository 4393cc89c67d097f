package io.baobei.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (visibly, as skipped) the Spring tests of a PostgreSQL run when no server could be reached. */
public class DatabaseAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String unavailable = System.getProperty(PostgresTestDatabase.UNAVAILABLE);
        return unavailable == null ? ConditionEvaluationResult.enabled("database available")
                : ConditionEvaluationResult.disabled(unavailable);
    }
}
