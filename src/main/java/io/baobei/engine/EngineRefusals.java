package io.baobei.engine;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import io.baobei.common.BusinessRuleException;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;

/**
 * Carries the application's own refusal of an engine call (a Chinese message written for the user) from the
 * engine to {@link EngineRestErrors}, which sees only the JSON Camunda's REST layer made of it. Kept as a request
 * attribute: the engine call and the HTTP response share the request.
 */
final class EngineRefusals {

    static final String ATTRIBUTE = EngineRefusals.class.getName();

    /** A refusal as the user should see it; {@code fields} names the form fields it concerns (may be empty). */
    record Refusal(int status, String message, List<FieldError> fields) {
        Refusal(int status, String message) {
            this(status, message, List.of());
        }
    }

    private EngineRefusals() {
    }

    static void remember(Throwable thrown) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Refusal refusal = refusalIn(thrown);
        if (request != null && refusal != null) {
            request.setAttribute(ATTRIBUTE, refusal, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The first exception of ours in the cause chain, as status and message; null for anything else. */
    static Refusal refusalIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return new Refusal(400, t.getMessage(), invalid.errors());
            }
            if (t instanceof BusinessRuleException) {
                return new Refusal(409, t.getMessage());
            }
            if (t instanceof NotFoundException) {
                return new Refusal(404, t.getMessage());
            }
            if (t instanceof EntryRefusedException) {
                return new Refusal(403, t.getMessage());
            }
            if (t instanceof AuthorizationException) {
                return null; // the engine's own, in English: the generic 403 text
            }
        }
        return null;
    }
}
