package io.baobei.common;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.DefaultErrorViewResolver;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.MappingJackson2JsonView;

/**
 * Spring Boot's {@code /error} page for refusals that never reach {@link ApiExceptionHandler}: Spring
 * Security's 401 and 403, exceptions in servlet filters. For {@code /api} requests its answer gets a Chinese
 * message and is always JSON: a browser's {@code Accept: text/html} would otherwise get the Whitelabel page.
 */
@Configuration
public class ApiErrorPages {

    @Bean
    DefaultErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
                if (uri instanceof String path && ApiErrors.isApiPath(path, request.getContextPath())
                        && attributes.get("status") instanceof Integer status) {
                    attributes.remove("error"); // the English reason phrase
                    attributes.put("message", ApiErrors.messageFor(status));
                }
                return attributes;
            }
        };
    }

    /** JSON for /api whatever the client accepts; other pages keep Spring Boot's conventions (error/404.html …). */
    @Bean
    ErrorViewResolver apiErrorsAsJson(ApplicationContext context, WebProperties web, ObjectMapper objectMapper) {
        DefaultErrorViewResolver conventional = new DefaultErrorViewResolver(context, web.getResources());
        return (HttpServletRequest request, org.springframework.http.HttpStatus status, Map<String, Object> model) -> {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String path && ApiErrors.isApiPath(path, request.getContextPath())) {
                return new ModelAndView(new MappingJackson2JsonView(objectMapper), model);
            }
            return conventional.resolveErrorView(request, status, model);
        };
    }
}
