package io.baobei.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.web.filter.OncePerRequestFilter;

import io.baobei.engine.EngineRestErrors;

/**
 * Checks the webapps' XSRF token before anything else sees a modifying request of {@code /camunda/api}: before
 * Spring Security's logout (which would otherwise sign a user out for any page that posts there) and before
 * Camunda's own CSRF filter, which ends the whole session when a token is missing or wrong, so that one forged
 * request would sign the user out. A refused request answers 403 with a Chinese message and leaves the session
 * as it was. The token is Camunda's ({@code CAMUNDA_CSRF_TOKEN} in the session, {@code X-XSRF-TOKEN} header).
 */
class WebappCsrfGuard extends OncePerRequestFilter {

    static final String SESSION_TOKEN = "CAMUNDA_CSRF_TOKEN";
    static final String HEADER = "X-XSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ObjectMapper objectMapper;

    WebappCsrfGuard(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_TOKEN);
        String sent = request.getHeader(HEADER);
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader(HEADER, "Required");
            EngineRestErrors.write(response, objectMapper, HttpServletResponse.SC_FORBIDDEN,
                    "页面已过期或请求来源无法确认，请刷新页面后重试");
            return;
        }
        chain.doFilter(request, response);
    }
}
