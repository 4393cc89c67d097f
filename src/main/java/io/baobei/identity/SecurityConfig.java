package io.baobei.identity;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.baobei.common.ApiErrors;
import io.baobei.engine.EngineRestErrors;

/**
 * Who may reach what. Three chains:
 * <ul>
 *   <li>{@code /api/**} and {@code /engine-rest/**}: stateless HTTP Basic for scripts and integrations;
 *       the engine REST API is for admins only (Modeler deployments, operations).</li>
 *   <li>{@code /camunda/**}: the Camunda webapps, using the session of the Baobei login page. Camunda's own
 *       CSRF filter and security headers protect them; Cockpit and Admin are for admins only.</li>
 *   <li>everything else: the login page, OpenAPI docs, health.</li>
 * </ul>
 * Camunda's filters registered below then hand the authenticated user to the engine, so its
 * authorization checks apply to every request. Headers: see docs/security.md "Headers and CSRF".
 * <p>
 * Passwords are checked by {@link CamundaIdentityAuthenticationProvider} alone: as the only
 * AuthenticationProvider bean it is Spring Security's global provider, which every chain falls back to. Naming
 * it in a chain as well would check each wrong password twice (the chain's, then the global one) and count it
 * twice against the client's address.
 */
@Configuration
public class SecurityConfig {

    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final String CAMUNDA_LOGOUT = "/camunda/api/admin/auth/user/*/logout";

    /**
     * The login page, the API docs (Swagger UI) and the rest of the site: only their own scripts and images,
     * nothing may frame them. Swagger UI adds style elements of its own ('unsafe-inline' styles) and shows
     * data: images; no inline script or eval anywhere.
     */
    static final String SITE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** JSON for scripts and integrations: a browser that opens it directly runs and loads nothing. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final long HSTS_MAX_AGE = 31_536_000; // one year

    /**
     * HSTS on every response when the site is served over HTTPS (BAOBEI_HTTPS=true: also when the proxy in front
     * does not say so), otherwise on the requests that did arrive over HTTPS. Without includeSubDomains: the
     * app may run on a domain whose other hosts are not ours to pin to HTTPS.
     */
    private final RequestMatcher hstsRequests;

    SecurityConfig(@Value("${baobei.https:false}") boolean https) {
        this.hstsRequests = request -> https || request.isSecure();
    }

    private Customizer<HeadersConfigurer<HttpSecurity>.HstsConfig> hsts() {
        return hsts -> hsts.maxAgeInSeconds(HSTS_MAX_AGE).includeSubDomains(false).requestMatcher(hstsRequests);
    }

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/engine-rest/**")).hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(basicEntryPoint(objectMapper)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .httpStrictTransportSecurity(hsts())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        // Camunda's own login checks passwords without the address throttle and the audit;
                        // everybody signs in through /login
                        .requestMatchers(path("/camunda/api/admin/auth/user/*/login/**")).denyAll()
                        .requestMatchers(path("/camunda/app/cockpit/**"), path("/camunda/app/admin/**"),
                                path("/camunda/api/cockpit/**"), path("/camunda/api/admin/**"))
                        .access((authentication, request) -> new org.springframework.security.authorization
                                .AuthorizationDecision(isAdminOrOwnAuthCall(authentication.get(), request.getRequest())))
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                path("/camunda/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                path("/camunda/**")))
                // The webapps' sign-out button posts here: end the whole session, not only Camunda's part.
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, CAMUNDA_LOGOUT))
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies("JSESSIONID", "XSRF-TOKEN")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.OK)))
                // Camunda's CsrfPreventionFilter and HeaderSecurityFilter cover the webapps (CSP with the nonce of
                // their script tags, nosniff); only HSTS comes from here, with the same switch as the rest of the site.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.defaultsDisabled().httpStrictTransportSecurity(hsts()))
                .build();
    }

    /** Cockpit and Admin are for admins; every user's webapp may still ask who is logged in (auth/user). */
    private static boolean isAdminOrOwnAuthCall(org.springframework.security.core.Authentication authentication,
                                                jakarta.servlet.http.HttpServletRequest request) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.ADMIN.name()));
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return admin || uri.startsWith("/camunda/api/admin/auth/user/");
    }

    @Bean
    @Order(3)
    SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/login"), path("/login.css"), path("/favicon.ico"),
                                path("/actuator/health/**"), path("/error"))
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .defaultSuccessUrl(TASKLIST, false)
                        .failureHandler(formLoginFailure()))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID", "XSRF-TOKEN"))
                .sessionManagement(s -> s.sessionFixation().changeSessionId())
                .headers(headers -> headers
                        .httpStrictTransportSecurity(hsts())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SITE_CSP)))
                .build();
    }

    /** The webapps' XSRF token, checked before Spring Security's logout and Camunda's CSRF filter (see the class). */
    @Bean
    FilterRegistrationBean<Filter> webappCsrfGuard(ObjectMapper objectMapper) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new WebappCsrfGuard(objectMapper));
        registration.setName("Baobei webapp XSRF check");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Clean, Chinese refusals from Camunda's REST APIs (see EngineRestErrors), after authentication. */
    @Bean
    FilterRegistrationBean<Filter> engineRestErrors(ObjectMapper objectMapper) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EngineRestErrors(objectMapper));
        registration.setName("Baobei engine REST errors");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        registration.addUrlPatterns("/camunda/api/*", "/engine-rest/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** URLs Spring Security's firewall rejects (encoded slashes, "..", ";") are the client's error: 400, not 500. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(HttpStatus.BAD_REQUEST.value());
    }

    /**
     * 401 with Basic's challenge as before; a client address refused by {@link LoginThrottle} gets 429, a Chinese
     * message and Retry-After instead, so that scripts can tell waiting from a wrong password.
     */
    private static AuthenticationEntryPoint basicEntryPoint(ObjectMapper objectMapper) {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Baobei");
        return (request, response, exception) -> {
            if (exception instanceof LoginThrottledException throttled) {
                long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                ApiErrors.write(response, objectMapper, HttpStatus.TOO_MANY_REQUESTS.value(),
                        LoginThrottledException.MESSAGE);
            } else {
                basic.commence(request, response, exception);
            }
        };
    }

    /** A wrong password (or Camunda's delay) shows /login?error, a refused address /login?throttled. */
    private static AuthenticationFailureHandler formLoginFailure() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), "/login?throttled"));
        return handler;
    }

    /**
     * Spring Boot's publisher with one more failure event: Spring Security publishes none for an exception it does
     * not know, and the audit must count throttled logins too (audit.LoginAudit).
     */
    @Bean
    DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setAdditionalExceptionMappings(Map.of(LoginThrottledException.class, LoginThrottledEvent.class));
        return publisher;
    }

    /** Makes the Spring Security user the Camunda user of the Tasklist / Cockpit / Admin session. */
    @Bean
    FilterRegistrationBean<Filter> webappAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("Baobei webapp SSO");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityEngineAuthenticationProvider.class.getName()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** A mistyped webapp name gets the 404 page (before Camunda's filters, which would fail with a 500). */
    @Bean
    FilterRegistrationBean<Filter> unknownWebappFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new UnknownWebappFilter());
        registration.setName("Baobei unknown webapp");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/camunda/app/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Sets the Camunda user for /engine-rest and /api calls, so engine authorizations apply to them. */
    @Bean
    FilterRegistrationBean<Filter> engineAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("Baobei engine authentication");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityEngineAuthenticationProvider.class.getName()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/engine-rest/*", "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
