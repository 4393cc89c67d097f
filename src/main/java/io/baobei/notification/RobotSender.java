package io.baobei.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import io.baobei.identity.UserDirectory;

/**
 * A group robot (钉钉 自定义机器人 or 企业微信 群机器人) of the recipient's team, or the global one, mentioning the
 * recipient. A group sees other members' messages, so the text is only the robot template ({user}, {event},
 * {link}): never the customer's name, never contact data.
 */
class RobotSender implements ChannelSender {

    private final Channel channel;
    private final NotificationProperties.Robot settings;
    private final MessageTemplates templates;
    private final JsonHttp http;
    private final UserDirectory directory;
    private final Clock clock;

    RobotSender(Channel channel, NotificationProperties.Robot settings, MessageTemplates templates, JsonHttp http,
                UserDirectory directory, Clock clock) {
        if (!channel.isGroup()) {
            throw new IllegalArgumentException(channel + " is not a group robot");
        }
        this.channel = channel;
        this.settings = settings;
        this.templates = templates;
        this.http = http;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean reaches(String team) {
        return settings.forTeam(team) != null;
    }

    @Override
    public String send(Outbox.Row message, String team) throws DeliveryException {
        NotificationProperties.Webhook webhook = settings.forTeam(team);
        if (webhook == null) {
            throw new DeliveryException("团队 " + team + " 没有配置群机器人", true);
        }
        String user = ChatIds.of(directory, message.recipient(),
                channel == Channel.DINGTALK_ROBOT ? ChatIds.DINGTALK : ChatIds.WECOM);
        String text = templates.robot(message.kind(), user, message.link());
        JsonNode answer;
        if (channel == Channel.DINGTALK_ROBOT) {
            answer = http.post(signed(webhook), Map.of("msgtype", "text", "text", Map.of("content", text),
                    "at", Map.of("atUserIds", List.of(user), "isAtAll", false)));
        } else {
            answer = http.post(webhook.url(), Map.of("msgtype", "text",
                    "text", Map.of("content", text, "mentioned_list", List.of(user))));
        }
        int errcode = answer.path("errcode").asInt(-1);
        if (errcode != 0) {
            throw new DeliveryException((channel == Channel.DINGTALK_ROBOT ? "钉钉" : "企业微信") + "群机器人失败：errcode "
                    + errcode + " " + answer.path("errmsg").asText(), false);
        }
        return "群机器人已发送";
    }

    /**
     * DingTalk's 加签: sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret))), appended with
     * the timestamp in milliseconds; the server refuses a timestamp more than an hour off.
     */
    String signed(NotificationProperties.Webhook webhook) throws DeliveryException {
        if (webhook.secret() == null) {
            return webhook.url();
        }
        long timestamp = clock.millis();
        return webhook.url() + (webhook.url().contains("?") ? "&" : "?") + "timestamp=" + timestamp
                + "&sign=" + sign(timestamp, webhook.secret());
    }

    static String sign(long timestamp, String secret) throws DeliveryException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(signature), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("钉钉签名失败：" + e.getMessage(), e);
        }
    }
}
