package io.baobei.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.baobei.identity.UserDirectory;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.TestIdentities;

import static io.baobei.notification.ChatServerStub.*;
import static io.baobei.support.TestIdentities.TEAM_A;
import static io.baobei.support.TestIdentities.TEAM_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery as users receive it: email through a real SMTP server on loopback (GreenMail), 企业微信 and 钉钉 through
 * a local stub that checks token, signature and body as their documentation defines them. The channels are built
 * from settings exactly as the application builds them, pointed at the loopback servers; the worker is driven
 * directly with a clock the test moves, so back-off costs no waiting.
 */
@BaobeiSpringTest
class NotificationDeliveryTest {

    private static final String COMPANY = "深圳市星河通知测试科技有限公司";
    private static GreenMail smtp;
    private static ChatServerStub chat;

    @Autowired NotificationRepository repository;
    @Autowired Outbox outbox;
    @Autowired MessageTemplates templates;
    @Autowired UserDirectory directory;
    @Autowired PlatformTransactionManager transactions;
    @Autowired IdentityService identityService;
    @Autowired TestIdentities identities;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;

    private final TestClock clock = new TestClock();
    private TransactionTemplate tx;
    private Notifications notifications;
    private DeliveryWorker worker;

    @BeforeAll
    static void servers() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        chat = new ChatServerStub();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        chat.close();
    }

    @BeforeEach
    void channels() {
        NotificationProperties settings = new NotificationProperties("https://baobei.example.cn/", null,
                new NotificationProperties.Mail("baobei@example.cn"),
                new NotificationProperties.Wecom(CORP_ID, "1000002", SECRET, chat.baseUrl()),
                new NotificationProperties.Robot(chat.wecomWebhook(), null, Map.of()),
                // 钉钉 only for team A: a member of team B has no group robot there
                new NotificationProperties.Robot(null, null,
                        Map.of(TEAM_A, new NotificationProperties.Webhook(chat.dingtalkWebhook(), DING_SECRET))),
                new NotificationProperties.Delivery(true, null, 50, 3, Duration.ofMinutes(1), Duration.ofMinutes(10),
                        Duration.ofMinutes(5)));
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        DeliveryChannels channels = DeliveryChannels.from(settings, mail, templates, new JsonHttp(json), directory, clock);
        assertThat(channels.channels()).containsExactlyInAnyOrder(Channel.values());
        notifications = new Notifications(repository, outbox, templates, channels, directory, settings, clock);
        tx = new TransactionTemplate(transactions);
        worker = new DeliveryWorker(outbox, channels, tx, settings.delivery(), directory, clock, "node-1");
    }

    @Test
    void everyConfiguredChannelCarriesTheEventOnceAndAGroupNeverSeesTheCustomer() throws Exception {
        String rep = rep(TEAM_A, true);
        publish(rep, "task-77");

        assertThat(rows(rep)).containsOnlyKeys("EMAIL", "WECOM_APP", "WECOM_ROBOT", "DINGTALK_ROBOT")
                .allSatisfy((channel, state) -> assertThat(state).isEqualTo("PENDING"));
        drain();

        assertThat(rows(rep)).allSatisfy((channel, state) -> assertThat(state).as(channel).isEqualTo("DELIVERED"));
        String link = "https://baobei.example.cn/camunda/app/tasklist/default/#/?task=task-77";
        List<MimeMessage> mails = mailsTo(rep + "@example.cn");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("公海领取驳回").contains(COMPANY);
        assertThat(mails.get(0).getFrom()[0].toString()).isEqualTo("baobei@example.cn");
        assertThat(GreenMailUtil.getBody(mails.get(0))).isNotBlank();
        assertThat(mails.get(0).getContent().toString()).contains(COMPANY).contains("mgrA").contains(link);

        List<ChatServerStub.Request> app = chat.to("/cgi-bin/message/send", "wx_" + rep);
        assertThat(app).hasSize(1).allSatisfy(r -> assertThat(r.errcode()).isZero());
        assertThat(app.get(0).body().path("textcard").path("description").asText()).contains(COMPANY);
        assertThat(app.get(0).body().path("textcard").path("url").asText()).isEqualTo(link);

        List<ChatServerStub.Request> ding = chat.to("/robot/send", rep);
        assertThat(ding).as("signed as DingTalk checks it").hasSize(1).allSatisfy(r -> assertThat(r.errcode()).isZero());
        String dingText = ding.get(0).body().path("text").path("content").asText();
        assertThat(dingText).contains("@" + rep).contains("公海领取已有审批结果").contains(link).doesNotContain("星河");
        List<ChatServerStub.Request> group = chat.to("/cgi-bin/webhook/send", "wx_" + rep);
        assertThat(group).hasSize(1).allSatisfy(r -> assertThat(r.errcode()).isZero());
        assertThat(group.get(0).body().toString()).contains("@wx_" + rep).doesNotContain("星河").doesNotContain("驳回");

        assertThat(jdbc.queryForList("select outcome from notification_attempt where recipient = ?", String.class, rep))
                .hasSize(4).containsOnly("DELIVERED");

        // the same event again (a retried job), and more polls: nothing new anywhere
        publish(rep, "task-77");
        clock.advance(Duration.ofHours(2));
        drain();
        assertThat(mailsTo(rep + "@example.cn")).hasSize(1);
        assertThat(chat.to("/cgi-bin/message/send", "wx_" + rep)).hasSize(1);
        assertThat(chat.to("/robot/send", rep)).hasSize(1);
        assertThat(chat.to("/cgi-bin/webhook/send", "wx_" + rep)).hasSize(1);
        assertThat(repository.findByRecipient(rep, org.springframework.data.domain.Pageable.unpaged()))
                .singleElement().satisfies(n -> assertThat(n.getBody()).contains(COMPANY));
    }

    @Test
    void anEventWhoseTransactionRollsBackLeavesNoTrace() {
        String rep = rep(TEAM_A, true);
        tx.executeWithoutResult(status -> {
            notifications.notify(event(rep, null));
            status.setRollbackOnly();
        });
        assertThat(repository.countByRecipientAndReadAtIsNull(rep)).isZero();
        assertThat(rows(rep)).isEmpty();
    }

    @Test
    void aFailedDeliveryIsRetriedAfterItsBackOffAndDeliveredExactlyOnce() {
        String rep = rep(TEAM_B, false); // no email address; team B has no 钉钉 robot
        chat.failNext("wx_" + rep, 2);
        publish(rep, null);
        assertThat(rows(rep)).containsOnlyKeys("EMAIL", "WECOM_APP", "WECOM_ROBOT");

        drain();
        assertThat(rows(rep)).containsEntry("EMAIL", "FAILED").containsEntry("WECOM_APP", "PENDING")
                .containsEntry("WECOM_ROBOT", "PENDING");
        clock.advance(Duration.ofSeconds(50));
        drain();
        assertThat(attempts(rep, "WECOM_APP")).as("not before the back-off of a minute").isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        drain();
        assertThat(rows(rep)).containsEntry("EMAIL", "FAILED").containsEntry("WECOM_APP", "DELIVERED")
                .containsEntry("WECOM_ROBOT", "DELIVERED");
        clock.advance(Duration.ofHours(1));
        drain();
        assertThat(attempts(rep, "WECOM_APP")).isEqualTo(2);
        assertThat(attempts(rep, "EMAIL")).as("no address: given up at once").isEqualTo(1);
        assertThat(chat.to("/cgi-bin/message/send", "wx_" + rep)).extracting(ChatServerStub.Request::errcode)
                .containsExactly(502, 0);
        assertThat(chat.to("/cgi-bin/webhook/send", "wx_" + rep)).extracting(ChatServerStub.Request::errcode)
                .containsExactly(502, 0);

        List<DeliveryFailure> failures = notifications.failures(0, 100).stream()
                .filter(f -> f.recipient().equals(rep)).toList();
        assertThat(failures).extracting(DeliveryFailure::channel)
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WECOM_APP, Channel.WECOM_ROBOT);
        assertThat(failures).filteredOn(f -> f.channel() == Channel.EMAIL).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("没有邮箱地址"))
                .satisfies(f -> assertThat(f.state()).isEqualTo("FAILED"));
        assertThat(failures).filteredOn(f -> f.channel() == Channel.WECOM_APP).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("HTTP 502"))
                .satisfies(f -> assertThat(f.state()).isEqualTo("DELIVERED"));
    }

    @Test
    void aMessageIsGivenUpAfterItsLastAttempt() {
        String rep = rep(TEAM_B, true);
        chat.failNext("wx_" + rep, 100);
        publish(rep, null);
        for (int i = 0; i < 5; i++) {
            drain();
            clock.advance(Duration.ofMinutes(15));
        }
        assertThat(rows(rep)).containsEntry("EMAIL", "DELIVERED").containsEntry("WECOM_APP", "FAILED")
                .containsEntry("WECOM_ROBOT", "FAILED");
        assertThat(attempts(rep, "WECOM_APP")).as("max-attempts").isEqualTo(3);
    }

    @Test
    void anExpiredAccessTokenIsFetchedAgainAndTheMessageSentOnce() {
        String rep = rep(TEAM_B, false);
        int tokensBefore = chat.tokensIssued.get();
        chat.expireTokens.set(1);
        publish(rep, null);
        drain();
        assertThat(rows(rep)).containsEntry("WECOM_APP", "DELIVERED");
        assertThat(chat.tokensIssued.get() - tokensBefore).as("first token, then a new one after 42001").isEqualTo(2);
        assertThat(chat.to("/cgi-bin/message/send", "wx_" + rep)).extracting(ChatServerStub.Request::errcode)
                .containsExactly(42001, 0);

        // the cached token serves the next message
        String other = rep(TEAM_B, false);
        publish(other, null);
        drain();
        assertThat(chat.tokensIssued.get() - tokensBefore).isEqualTo(2);
        assertThat(chat.requests.stream().filter(r -> r.path().equals("/cgi-bin/gettoken")))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("corpid", CORP_ID).containsEntry("corpsecret", SECRET));
    }

    @Test
    void aMessageWhoseNodeStoppedWhileSendingIsGivenUpNotSentAgain() {
        String rep = rep(TEAM_B, false);
        publish(rep, null);
        Instant now = Instant.now(clock);
        // a node claims the 企业微信 rows and dies before it finishes them
        List<Long> claimed = tx.execute(s -> outbox.claim("dead-node", Set.of(Channel.WECOM_APP), 1000, now,
                now.plus(Duration.ofMinutes(5))));
        assertThat(claimed).isNotEmpty();
        clock.advance(Duration.ofMinutes(6));
        drain();
        assertThat(rows(rep)).containsEntry("WECOM_APP", "FAILED").containsEntry("WECOM_ROBOT", "DELIVERED");
        assertThat(chat.to("/cgi-bin/message/send", "wx_" + rep)).isEmpty();
        assertThat(jdbc.queryForObject("select detail from notification_attempt a join notification_outbox o"
                + " on o.id = a.outbox_id join notification n on n.id = o.notification_id"
                + " where n.recipient = ? and a.channel = 'WECOM_APP'", String.class, rep))
                .isEqualTo(DeliveryWorker.INTERRUPTED);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String rep(String team, boolean withEmail) {
        String rep = identities.newRep("ntf", team);
        User user = identityService.createUserQuery().userId(rep).singleResult();
        if (withEmail) {
            user.setEmail(rep + "@example.cn");
            identityService.saveUser(user);
        }
        identityService.setUserInfo(rep, ChatIds.WECOM, "wx_" + rep);
        return rep;
    }

    private NotificationEvent event(String rep, String taskId) {
        return NotificationEvent.of(NotificationKind.CLAIM_DECIDED, "test:" + rep, rep, "POOL_CLAIM", 1, taskId,
                Map.of("customer", COMPANY, "decision", "驳回", "by", "mgrA", "reason", "原因：客户已有合作方"));
    }

    private void publish(String rep, String taskId) {
        tx.executeWithoutResult(s -> notifications.notify(event(rep, taskId)));
    }

    private void drain() {
        int rounds = 0;
        while (worker.runOnce() > 0) {
            assertThat(++rounds).as("the worker drains the outbox").isLessThan(100);
        }
    }

    private Map<String, String> rows(String rep) {
        Map<String, String> rows = new java.util.TreeMap<>();
        jdbc.query("select o.channel, o.state from notification_outbox o join notification n on n.id = o.notification_id"
                + " where n.recipient = ?", rs -> {
            rows.put(rs.getString(1), rs.getString(2));
        }, rep);
        return rows;
    }

    private int attempts(String rep, String channel) {
        return jdbc.queryForObject("select count(*) from notification_attempt where recipient = ? and channel = ?",
                Integer.class, rep, channel);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** A clock the test moves; starts now, so rows are due as the worker sees them. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
