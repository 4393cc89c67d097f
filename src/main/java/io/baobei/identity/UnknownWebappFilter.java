package io.baobei.identity;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A mistyped webapp address (/camunda/app/tasklsit/default/) is a missing page, answered with the Chinese 404 page.
 * Camunda's index filter would look for that webapp's index.html in its webjar and fail with a 500 instead.
 */
class UnknownWebappFilter extends OncePerRequestFilter {

    /** The webapps of the Camunda webjar. */
    static final Set<String> WEBAPPS = Set.of("tasklist", "cockpit", "admin", "welcome");

    private static final String PREFIX = "/camunda/app/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(PREFIX)) {
            String rest = path.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            String app = slash < 0 ? rest : rest.substring(0, slash);
            if (!app.isEmpty() && !WEBAPPS.contains(app)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
