package io.baobei.common;

import jakarta.servlet.DispatcherType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Size limits of requests, enforced before a large body is transferred or parsed. See docs/security.md. */
@Configuration
public class RequestLimits {

    /** First in the chain: a body over the limit is refused before authentication or anything reads it. */
    @Bean
    FilterRegistrationBean<ApiRequestSizeFilter> apiRequestSizeFilter(
            @Value("${baobei.api.max-json-body-size}") DataSize limit, ObjectMapper objectMapper) {
        FilterRegistrationBean<ApiRequestSizeFilter> registration =
                new FilterRegistrationBean<>(new ApiRequestSizeFilter(limit, objectMapper));
        registration.setName("Baobei API request size");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/*", "/camunda/api/*", "/engine-rest/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /**
     * Tomcat answers "Expect: 100-continue" at once by default, so a client (curl does this above 1 MB) sends
     * its whole body even when the upload or JSON limit refuses it on the announced length. Answering only
     * when the application reads the body lets a refusal reach the client before it sends anything.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming("onRead");
            }
        });
    }
}
