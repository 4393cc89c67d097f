package io.baobei.notification;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of notifications ({@code baobei.notifications.*}, docs/configuration.md). Every channel is off unless
 * its settings are given; email is on when Spring Mail is configured ({@code spring.mail.host}).
 *
 * @param baseUrl   the address users open the application at, for the links in messages (BAOBEI_BASE_URL)
 * @param templates a file of message templates that overrides entries of the built-in
 *                  notifications/messages.properties (BAOBEI_NOTIFICATION_TEMPLATES); empty: built-in only
 * @param mail      the email channel
 * @param wecom     企业微信 application messages
 * @param wecomRobot 企业微信 group robots
 * @param dingtalkRobot 钉钉 group robots
 * @param delivery  the delivery worker
 */
@ConfigurationProperties(prefix = "baobei.notifications")
public record NotificationProperties(String baseUrl, String templates, Mail mail, Wecom wecom, Robot wecomRobot,
                                     Robot dingtalkRobot, Delivery delivery) {

    public NotificationProperties {
        baseUrl = blank(baseUrl) ? "http://localhost:8080" : stripSlash(baseUrl.strip());
        templates = blank(templates) ? null : templates.strip();
        mail = mail == null ? new Mail(null) : mail;
        wecom = wecom == null ? new Wecom(null, null, null, null) : wecom;
        wecomRobot = wecomRobot == null ? new Robot(null, null, null) : wecomRobot;
        dingtalkRobot = dingtalkRobot == null ? new Robot(null, null, null) : dingtalkRobot;
        delivery = delivery == null ? new Delivery(null, null, null, null, null, null, null) : delivery;
    }

    /** @param from the sender address (BAOBEI_MAIL_FROM); required once spring.mail.host is set */
    public record Mail(String from) {
        public Mail {
            from = blank(from) ? null : from.strip();
        }
    }

    /**
     * 企业微信 application (自建应用) messages: on when corp id, agent id and secret are all set.
     *
     * @param baseUrl the API's address (BAOBEI_WECOM_BASE_URL), default https://qyapi.weixin.qq.com
     */
    public record Wecom(String corpId, String agentId, String secret, String baseUrl) {
        public Wecom {
            corpId = blank(corpId) ? null : corpId.strip();
            agentId = blank(agentId) ? null : agentId.strip();
            secret = blank(secret) ? null : secret.strip();
            baseUrl = blank(baseUrl) ? "https://qyapi.weixin.qq.com" : stripSlash(baseUrl.strip());
        }

        public boolean enabled() {
            return corpId != null && agentId != null && secret != null;
        }
    }

    /**
     * A group robot: one global webhook and, per team id, the team's own (which wins for that team's members).
     *
     * @param webhookUrl    the global webhook (BAOBEI_DINGTALK_WEBHOOK_URL / BAOBEI_WECOM_WEBHOOK_URL)
     * @param webhookSecret DingTalk's signing secret (加签) of the global webhook (BAOBEI_DINGTALK_WEBHOOK_SECRET)
     * @param teams         team id → that team's webhook
     */
    public record Robot(String webhookUrl, String webhookSecret, Map<String, Webhook> teams) {
        public Robot {
            webhookUrl = blank(webhookUrl) ? null : webhookUrl.strip();
            webhookSecret = blank(webhookSecret) ? null : webhookSecret.strip();
            teams = teams == null ? Map.of() : Map.copyOf(teams);
        }

        public boolean enabled() {
            return webhookUrl != null || teams.values().stream().anyMatch(w -> w.url() != null);
        }

        /** The webhook of a member of {@code team}: the team's own, else the global one, else none. */
        public Webhook forTeam(String team) {
            Webhook own = team == null ? null : teams.get(team);
            if (own != null && own.url() != null) {
                return own;
            }
            return webhookUrl == null ? null : new Webhook(webhookUrl, webhookSecret);
        }
    }

    /** @param url webhook address; @param secret DingTalk's signing secret (none for 企业微信) */
    public record Webhook(String url, String secret) {
        public Webhook {
            url = blank(url) ? null : url.strip();
            secret = blank(secret) ? null : secret.strip();
        }
    }

    /**
     * The delivery worker.
     *
     * @param enabled        poll the outbox on this node (every node may; each row goes to one of them)
     * @param interval       pause between polls
     * @param batchSize      rows claimed per poll
     * @param maxAttempts    attempts per message before it is given up (FAILED)
     * @param initialBackoff wait after the first failure; doubles after each further one
     * @param maxBackoff     longest wait between attempts
     * @param lease          how long a node may take to send a claimed row; a row still SENDING after it was
     *                       interrupted (node stopped) and is given up, not sent again
     */
    public record Delivery(Boolean enabled, Duration interval, Integer batchSize, Integer maxAttempts,
                           Duration initialBackoff, Duration maxBackoff, Duration lease) {
        public Delivery {
            enabled = enabled == null || enabled;
            interval = interval == null ? Duration.ofSeconds(10) : interval;
            batchSize = batchSize == null ? 20 : batchSize;
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
            lease = lease == null ? Duration.ofMinutes(5) : lease;
            if (batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("baobei.notifications.delivery.batch-size and max-attempts must be 1 or more");
            }
        }

        /** The wait after the {@code attempts}-th failed attempt: initial × 2^(attempts−1), at most maxBackoff. */
        public Duration backoffAfter(int attempts) {
            long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
            Duration wait = initialBackoff.multipliedBy(factor);
            return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
