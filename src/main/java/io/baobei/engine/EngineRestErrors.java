package io.baobei.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.baobei.common.ApiErrors;
import io.baobei.common.FieldError;
import io.baobei.identity.Role;

/**
 * Clean refusals from Camunda's REST APIs (Tasklist's {@code /camunda/api}, {@code /engine-rest}). Camunda answers
 * a refused form with HTTP 500 "RestException: Cannot submit task form &lt;id&gt;: …" and names Java exception
 * types; users get instead the status that fits (400 for input, 403, 404, 409 for a conflict) and a Chinese message:
 * the application's own refusal word for word, otherwise a message for the status. The body keeps Camunda's shape
 * {@code {"type", "message"}} that the webapps read, with a neutral type. Admins (Cockpit, Modeler) keep the
 * engine's message, which they need to repair things. Only error responses are buffered.
 */
public class EngineRestErrors extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestErrors.class);

    /** engine exception types that mean the request itself was wrong */
    private static final Set<String> BAD_REQUEST = Set.of("InvalidRequestException", "BadUserRequestException",
            "NullValueException", "NotValidException", "NullPointerException", "IllegalArgumentException",
            "NumberFormatException", "ClassCastException", "JsonParseException", "JsonMappingException",
            "MismatchingMessageCorrelationException", "ParseException");
    /** somebody else was faster: claimed the task, changed the same rows */
    private static final Set<String> CONFLICT = Set.of("TaskAlreadyClaimedException", "OptimisticLockingException");

    private final ObjectMapper objectMapper;

    public EngineRestErrors(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorCapturingResponse capturing = new ErrorCapturingResponse(response);
        chain.doFilter(request, capturing);
        if (!capturing.isError()) {
            return;
        }
        EngineRefusals.Refusal refusal = (EngineRefusals.Refusal) request.getAttribute(EngineRefusals.ATTRIBUTE);
        JsonNode original = parse(capturing.body());
        String type = original.path("type").asText("");
        String engineMessage = original.path("message").asText("");
        int status = refusal != null ? refusal.status() : statusFor(capturing.status(), type, engineMessage);
        String message;
        if (refusal != null) {
            message = refusal.message();
        } else if (isAdmin() && !engineMessage.isEmpty()) {
            message = engineMessage;
        } else {
            message = messageFor(status);
        }
        if (status >= 500) {
            LOG.warn("{} {} → {} {}: {}", request.getMethod(), request.getRequestURI(), capturing.status(), type,
                    engineMessage);
        }
        write(response, objectMapper, status, message, refusal != null ? refusal.fields() : List.of());
    }

    public static void write(HttpServletResponse response, ObjectMapper objectMapper, int status, String message)
            throws IOException {
        write(response, objectMapper, status, message, List.of());
    }

    /**
     * An error of the webapps' REST API in the shape they read: {@code {"type", "message"}}, neutral type; a refused
     * form also gets {@code "errors": [{"field", "message"}]}, which Tasklist's custom/baobei-tasks.js shows beside the
     * form fields they concern.
     */
    static void write(HttpServletResponse response, ObjectMapper objectMapper, int status, String message,
                      List<FieldError> fields) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeFor(status));
        body.put("message", message);
        if (!fields.isEmpty()) {
            body.put("errors", fields);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] json = objectMapper.writeValueAsBytes(body);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    static int statusFor(int status, String type, String message) {
        if (CONFLICT.contains(type) || message.contains("OptimisticLockingException")) {
            return 409;
        }
        // Camunda's REST resources wrap a refused start, form or task call as 500 "RestException: Cannot …";
        // a refusal of the request, unless the database failed under it (ENGINE-03… persistence errors)
        if (status >= 500 && type.equals("RestException") && message.startsWith("Cannot ")
                && !message.contains("ENGINE-03") && !message.contains("SQL")) {
            return 400;
        }
        if (type.equals("AuthorizationException")) {
            return 403;
        }
        if (status >= 500 && BAD_REQUEST.contains(type)) {
            return 400;
        }
        return status;
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "请求无效，请检查填写的内容后重试";
            case 401 -> "请先登录";
            case 403 -> "您无权执行此操作";
            case 404 -> "未找到：该任务或流程可能已被处理，请刷新后重试";
            case 409 -> "该任务已被他人处理或认领，请刷新后重试";
            default -> ApiErrors.messageFor(status);
        };
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 413 -> "PayloadTooLarge";
            default -> status >= 500 ? "ServerError" : "Refused";
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : objectMapper.readTree(body);
            return node == null ? objectMapper.createObjectNode() : node;
        } catch (IOException notJson) {
            return objectMapper.createObjectNode();
        }
    }

    private static boolean isAdmin() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.ADMIN.name()));
    }

    /** Passes successful responses through; holds back the status and body of errors for rewriting. */
    private static final class ErrorCapturingResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private int status = SC_OK;
        private ServletOutputStream stream;
        private PrintWriter writer;

        ErrorCapturingResponse(HttpServletResponse response) {
            super(response);
        }

        boolean isError() {
            return status >= 400;
        }

        int status() {
            return status;
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            if (sc < 400) {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentLength(int len) {
            if (!isError()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!isError()) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(isError() && "Content-Length".equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!isError()) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!isError()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!isError()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }
    }
}
