package io.baobei.common;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.data.mapping.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Maps refusals of {@code /api/**} to JSON bodies that a script or a person can read: a Chinese message,
 * per field where there is one, never an exception text, class name or stack trace.
 * <p>
 * Not limited to io.baobei's controllers: Spring MVC raises some errors before any controller is chosen
 * (405, 415, a multipart body over the upload limit), and only an advice without selectors sees those.
 * Such framework errors outside {@code /api} are rethrown, which leaves them to Spring's default handling
 * (the HTML error page of the webapps and the login page).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DataSize uploadLimit;

    public ApiExceptionHandler(MultipartProperties multipart) {
        DataSize file = multipart.getMaxFileSize();
        DataSize request = multipart.getMaxRequestSize();
        this.uploadLimit = file.toBytes() < 0 || request.toBytes() >= 0 && request.compareTo(file) < 0 ? request : file;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return json(HttpStatus.BAD_REQUEST, Map.of("errors", e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        RequestBodyTooLargeException tooLarge = cause(e, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        if (cause(e, JsonParseException.class) == null && e.getCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return field(path(mismatch), "字段类型不正确：" + expected(mismatch.getTargetType()));
        }
        if (e.getCause() == null && String.valueOf(e.getMessage()).startsWith("Required request body is missing")) {
            return field("body", "缺少请求内容：请发送一个 JSON 对象");
        }
        return field("body", "请求内容不是有效的 JSON，或字段类型不正确（请使用 UTF-8 编码）");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return field(e.getName(), "参数格式不正确");
    }

    /** ?sort=… naming a property the entity does not have. */
    @ExceptionHandler(PropertyReferenceException.class)
    ResponseEntity<Map<String, Object>> unknownSortProperty(PropertyReferenceException e) {
        String property = e.getPropertyName();
        return field("sort", "不能按“" + (property.length() > 40 ? property.substring(0, 40) + "…" : property) + "”排序");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return status(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException e) {
        return status(HttpStatus.FORBIDDEN);
    }

    /** The engine refused the caller (e.g. a manager starting a registration): no data, just 403. */
    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> engineForbidden(AuthorizationException e) {
        return status(HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(BusinessRuleException.class)
    ResponseEntity<Map<String, Object>> conflict(BusinessRuleException e) {
        return json(HttpStatus.CONFLICT, Map.of("message", e.getMessage()));
    }

    /**
     * The same data was changed at the same moment by another transaction, typically a deadline timer of the
     * customer's protection firing while the caller changes it: nothing was saved, trying again works.
     */
    @ExceptionHandler({org.camunda.bpm.engine.OptimisticLockingException.class,
            org.springframework.dao.OptimisticLockingFailureException.class})
    ResponseEntity<Map<String, Object>> concurrentChange(RuntimeException e) {
        return json(HttpStatus.CONFLICT, Map.of("message", "数据刚被另一项操作（如到期提醒）同时更新，本次未保存，请刷新后重试"));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Map<String, Object>> tooManyRequests(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("message", e.getMessage()));
    }

    // ---- raised by Spring MVC, possibly before a controller is chosen

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request)
            throws MaxUploadSizeExceededException {
        if (!ApiErrors.isApi(request)) {
            throw e;
        }
        return json(HttpStatus.PAYLOAD_TOO_LARGE, Map.of("message", "上传文件过大：不能超过 " + ApiErrors.format(uploadLimit)));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> badMultipart(MultipartException e, HttpServletRequest request)
            throws MultipartException {
        if (!ApiErrors.isApi(request)) {
            throw e;
        }
        return field("file", "上传内容不是有效的 multipart/form-data 请求（内容不完整或缺少 boundary）");
    }

    /** Spring's own refusals (405, 415, 406, missing parameter, unknown path …), each with its status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        RequestBodyTooLargeException tooLarge = cause(e, RequestBodyTooLargeException.class);
        if (tooLarge != null && !response.isCommitted()) {
            return tooLarge(tooLarge);
        }
        if (!ApiErrors.isApi(request) || response.isCommitted()) {
            throw e; // not ours, or too late to answer (a client gone during a download)
        }
        if (e instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            return ResponseEntity.status(status).headers(known.getHeaders()).contentType(MediaType.APPLICATION_JSON)
                    .body(knownMessage(e, status));
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static Map<String, Object> knownMessage(Exception e, int status) {
        if (e instanceof MissingServletRequestParameterException missing) {
            return Map.of("errors", List.of(new FieldError(missing.getParameterName(), "缺少参数 " + missing.getParameterName())));
        }
        if (e instanceof MissingServletRequestPartException missing) {
            return Map.of("errors", List.of(new FieldError(missing.getRequestPartName(),
                    "请上传文件（字段名 " + missing.getRequestPartName() + "）")));
        }
        if (e instanceof HttpRequestMethodNotSupportedException method && method.getSupportedHttpMethods() != null) {
            return Map.of("message", "该地址不支持 " + method.getMethod() + " 请求，可用："
                    + method.getSupportedHttpMethods().stream().map(Object::toString).sorted().collect(Collectors.joining("、")));
        }
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            boolean upload = media.getSupportedMediaTypes().stream().anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
            return Map.of("message", "不支持的内容类型（Content-Type）：" + (upload
                    ? "请以 multipart/form-data 上传文件" : "请发送 JSON（application/json）"));
        }
        return Map.of("message", ApiErrors.messageFor(status));
    }

    private static ResponseEntity<Map<String, Object>> tooLarge(RequestBodyTooLargeException e) {
        return json(HttpStatus.PAYLOAD_TOO_LARGE, Map.of("message", RequestBodyTooLargeException.message(e.limit())));
    }

    /** A refusal with nothing more to say than its status, in the words every /api refusal uses. */
    private static ResponseEntity<Map<String, Object>> status(HttpStatus status) {
        return json(status, Map.of("message", ApiErrors.messageFor(status.value())));
    }

    private static ResponseEntity<Map<String, Object>> field(String field, String message) {
        return json(HttpStatus.BAD_REQUEST, Map.of("errors", List.of(new FieldError(field, message))));
    }

    /**
     * The content type is set, not negotiated: a client that sent {@code Accept: text/html} (or text/csv for
     * an export) still gets the JSON message instead of a second error about formats.
     */
    private static ResponseEntity<Map<String, Object>> json(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** "companyName", "items[2].name": where in the JSON the wrong value is. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "格式不正确";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "应为文本";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "应为数字";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "应为 true 或 false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "应为数组";
        }
        return "应为 JSON 对象";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
