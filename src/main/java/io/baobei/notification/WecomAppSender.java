package io.baobei.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.baobei.identity.UserDirectory;

/**
 * 企业微信 application message (应用消息, POST /cgi-bin/message/send) to the user, as a text card linking to the
 * task. The access token comes from GET /cgi-bin/gettoken and is cached until shortly before its expires_in, as
 * the API requires (fetching it per message gets an application throttled); a token the server no longer accepts
 * (errcode 40014 invalid, 42001 expired) is fetched again once.
 */
class WecomAppSender implements ChannelSender {

    /** access_token invalid / expired */
    private static final Set<Integer> TOKEN_ERRORS = Set.of(40014, 42001, 40001);
    /** the recipient is not in the application's visible range or unknown: retrying cannot help */
    private static final Set<Integer> RECIPIENT_ERRORS = Set.of(81013, 60111, 82001);

    private final NotificationProperties.Wecom settings;
    private final JsonHttp http;
    private final UserDirectory directory;
    private final Clock clock;
    private String token;
    private Instant tokenValidUntil = Instant.MIN;

    WecomAppSender(NotificationProperties.Wecom settings, JsonHttp http, UserDirectory directory, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WECOM_APP;
    }

    @Override
    public String send(Outbox.Row message, String team) throws DeliveryException {
        String user = ChatIds.of(directory, message.recipient(), ChatIds.WECOM);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("title", message.title());
        card.put("description", message.body());
        card.put("url", message.link());
        card.put("btntxt", "查看");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", user);
        body.put("msgtype", "textcard");
        body.put("agentid", agentId());
        body.put("textcard", card);
        // the server drops an identical message within 30 minutes: a second line of defence behind the outbox
        body.put("enable_duplicate_check", 1);
        body.put("duplicate_check_interval", 1800);
        JsonNode answer = http.post(sendUrl(token(false)), body);
        int errcode = answer.path("errcode").asInt(-1);
        if (TOKEN_ERRORS.contains(errcode)) {
            answer = http.post(sendUrl(token(true)), body);
            errcode = answer.path("errcode").asInt(-1);
        }
        if (errcode != 0) {
            throw new DeliveryException("企业微信应用消息失败：errcode " + errcode + " " + answer.path("errmsg").asText(),
                    RECIPIENT_ERRORS.contains(errcode));
        }
        String invalid = answer.path("invaliduser").asText("");
        if (!invalid.isBlank()) {
            throw new DeliveryException("企业微信不认识用户 " + invalid + "（请检查用户资料中的 wecomUserId）", true);
        }
        return "企业微信 msgid " + answer.path("msgid").asText("");
    }

    private Object agentId() {
        try {
            return Long.valueOf(settings.agentId());
        } catch (NumberFormatException e) {
            return settings.agentId();
        }
    }

    private String sendUrl(String accessToken) {
        return settings.baseUrl() + "/cgi-bin/message/send?access_token=" + enc(accessToken);
    }

    /** The cached token, or a new one when it is about to expire or {@code refresh}. One fetch at a time per node. */
    synchronized String token(boolean refresh) throws DeliveryException {
        Instant now = Instant.now(clock);
        if (!refresh && token != null && now.isBefore(tokenValidUntil)) {
            return token;
        }
        JsonNode answer = http.get(settings.baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(settings.corpId())
                + "&corpsecret=" + enc(settings.secret()));
        if (answer.path("errcode").asInt(-1) != 0 || answer.path("access_token").asText("").isEmpty()) {
            token = null;
            throw new DeliveryException("企业微信 access_token 获取失败：errcode " + answer.path("errcode").asText()
                    + " " + answer.path("errmsg").asText(), false);
        }
        token = answer.path("access_token").asText();
        long expiresIn = answer.path("expires_in").asLong(7200);
        // renew a little early: a token that expires in flight costs a failed message and a retry
        tokenValidUntil = now.plusSeconds(Math.max(expiresIn - Math.min(300, expiresIn / 10), 1));
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
