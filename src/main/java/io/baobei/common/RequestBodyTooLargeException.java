package io.baobei.common;

import java.io.IOException;

import org.springframework.util.unit.DataSize;

/**
 * A request body went past its limit while being read (a chunked request, whose length nobody announced).
 * An IOException, so that the JSON reader stops at once and Spring MVC hands it on as the cause of its
 * HttpMessageNotReadableException; {@link ApiExceptionHandler} answers 413.
 */
public class RequestBodyTooLargeException extends IOException {

    private final transient DataSize limit;

    public RequestBodyTooLargeException(DataSize limit) {
        super("request body larger than " + limit.toBytes() + " bytes");
        this.limit = limit;
    }

    public DataSize limit() {
        return limit;
    }

    /** The text a user sees. */
    public static String message(DataSize limit) {
        return "请求内容过大：JSON 请求体不能超过 " + ApiErrors.format(limit);
    }
}
