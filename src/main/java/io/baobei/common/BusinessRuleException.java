package io.baobei.common;

import org.camunda.bpm.engine.ProcessEngineException;

/** A request that is well-formed but not allowed now (quota reached, nothing to decide); answers 409. */
public class BusinessRuleException extends ProcessEngineException {

    public BusinessRuleException(String message) {
        super(message);
    }
}
