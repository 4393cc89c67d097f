package io.baobei.registration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import io.baobei.identity.RawHttp;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** 我的报备: a rep sees every registration they submitted with its status and the reviewer's reason; a manager the team's. */
@BaobeiWebTest
class RegistrationPageTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;

    @Test
    void aRejectedRepSeesTheReasonAndWhoDecidedAndTheManagerSeesTheTeams() {
        TestIdentities.Team team = identities.newTeam("rp");
        TestIdentities.Team other = identities.newTeam("rq");
        String rejected = Processes.uniqueName("深圳市驳回页");
        String colleagues = Processes.uniqueName("深圳市同事页");
        String otherTeams = Processes.uniqueName("深圳市他组页");
        Long rejectedId = inReview(team.rep1(), rejected);
        inReview(team.rep2(), colleagues);
        inReview(other.rep1(), otherTeams);
        String reason = "客户已与其他代理签约，请勿重复报备";
        assertThat(rest.withBasicAuth(team.manager(), PASSWORD).postForEntity("/api/registrations/" + rejectedId
                + "/decision", Map.of("decision", "REJECT", "reason", reason), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        String own = open(team.rep1());
        assertThat(own).contains("<title>我的报备 · 客户报备</title>", rejected, "已驳回", "驳回原因：", reason,
                        ">" + team.manager() + "测试<")
                .doesNotContain(colleagues).doesNotContain(otherTeams)
                .as("a rep's own list has no submitter column").doesNotContain("提交人");
        assertThat(own).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");

        String managers = open(team.manager());
        assertThat(managers).contains(rejected, colleagues, "提交人", ">" + team.rep1() + "测试<",
                ">" + team.rep2() + "测试<", "待审核", reason).doesNotContain(otherTeams);
        assertThat(open(other.rep1())).contains(otherTeams).doesNotContain(rejected).doesNotContain(reason);
    }

    /** Submits a registration as {@code rep} and waits until it reaches the manager; its id. */
    private Long inReview(String rep, String company) {
        ProcessInstance instance = processes.submit(rep, Processes.validForm(company));
        Registration registration = registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                registrations.findById(registration.getId()).orElseThrow().getStatus() == RegistrationStatus.IN_REVIEW);
        return registration.getId();
    }

    private String open(String user) {
        RawHttp browser = new RawHttp(port);
        assertThat(browser.login(user, PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get("/registrations");
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
