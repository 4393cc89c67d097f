package io.baobei.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Spring Boot test of the whole application without HTTP server and with the job executor off:
 * tests execute jobs and timers themselves. Runs on H2 and, in the second Surefire run, on PostgreSQL
 * (tag "spring"). All such tests share one application context and one database, so each test uses
 * its own company names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// its own engine name: Camunda's REST and webapp filters look engines up by name ("default"), and the
// web tests' engine must be the one they find when both contexts live in one test JVM
@SpringBootTest(properties = "camunda.bpm.process-engine-name=processTests")
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, TestIdentities.class, Processes.class})
@ExtendWith(DatabaseAvailable.class)
@Tag("spring")
public @interface BaobeiSpringTest {
}
