package io.baobei.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port with its job executor running, as users and integrations reach it:
 * REST API and browser tests. Has its own database (the "web" one on PostgreSQL).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${baobei.test.datasource.url.web:jdbc:h2:mem:baobei-web;DB_CLOSE_DELAY=-1}",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=500"})
@ActiveProfiles("test")
@Import({TestIdentities.class, Processes.class})
@ExtendWith(DatabaseAvailable.class)
@Tag("spring")
public @interface BaobeiWebTest {
}
