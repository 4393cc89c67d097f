package io.baobei.common;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Input refused by a server-side rule. Extends {@link ProcessEngineException} so that when it is thrown
 * inside the engine (a form submitted from Tasklist), Camunda's REST layer passes the Chinese message to
 * the user and rolls the whole submission back.
 */
public class InvalidInputException extends ProcessEngineException {

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::message).collect(Collectors.joining("；")));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
