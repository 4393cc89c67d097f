package io.baobei.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/** What every refusal of {@code /api/**} shares: which requests are API calls, the Chinese texts, the JSON shape. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static boolean isApi(HttpServletRequest request) {
        return isApiPath(request.getRequestURI(), request.getContextPath());
    }

    static boolean isApiPath(String uri, String contextPath) {
        if (uri == null) {
            return false;
        }
        String path = contextPath != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** The message for a refusal that has nothing more specific to say than its status. */
    public static String messageFor(int status) {
        return switch (status) {
            case 400 -> "请求格式不正确";
            case 401 -> "请先登录：请用 HTTP Basic 认证提供用户名和密码";
            case 403 -> "无权执行此操作";
            case 404 -> "未找到";
            case 405 -> "该地址不支持此请求方法";
            case 406 -> "无法按请求的格式（Accept）返回结果";
            case 413 -> "请求内容过大";
            case 415 -> "不支持的内容类型（Content-Type）";
            case 429 -> "请求过于频繁，请稍后再试";
            case 503 -> "服务暂时不可用，请稍后再试";
            default -> status >= 500 ? "服务器内部错误，请稍后再试；如问题持续，请联系管理员"
                    : "请求无法处理（HTTP " + status + "）";
        };
    }

    /** "1MB", "512KB", "100 字节": sizes as an administrator configured them. */
    public static String format(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + " 字节";
    }

    /** Writes {"message": …} for filters, which answer before Spring MVC and its exception handlers. */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, int status, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), Map.of("message", message));
    }
}
