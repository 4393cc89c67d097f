package io.baobei.engine;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A call into the engine that no role but admin may make (a start at an inner step, a chosen business key, a
 * variable written around a form). An {@link AuthorizationException}, so every caller treats it as a 403.
 */
public class EntryRefusedException extends AuthorizationException {

    public EntryRefusedException(String message) {
        super(message);
    }
}
