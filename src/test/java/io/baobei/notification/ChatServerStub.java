package io.baobei.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * 企业微信 and 钉钉 on loopback, checking requests as their documentation defines them: gettoken with corpid and
 * corpsecret; message/send with a current access_token; DingTalk's robot with timestamp and sign =
 * urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))). A request that breaks the rules is answered
 * with the platform's own error code and recorded as such, so a test sees it.
 */
class ChatServerStub implements AutoCloseable {

    static final String CORP_ID = "ww-test-corp";
    static final String SECRET = "wecom-app-secret";
    static final String DING_TOKEN = "ding-access-token";
    static final String DING_SECRET = "SECtest-dingtalk-secret";
    static final String WECOM_ROBOT_KEY = "wecom-robot-key";

    record Request(String path, Map<String, String> query, JsonNode body, int errcode) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String currentToken;
    /** recipient (chat user id) → how many more requests to answer with HTTP 502 */
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** the next message/send answers errcode 42001 (token expired) this many times */
    final AtomicInteger expireTokens = new AtomicInteger();

    ChatServerStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cgi-bin/gettoken", this::gettoken);
        server.createContext("/cgi-bin/message/send", this::messageSend);
        server.createContext("/robot/send", this::dingtalk);
        server.createContext("/cgi-bin/webhook/send", this::wecomRobot);
        server.start();
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    String dingtalkWebhook() {
        return baseUrl() + "/robot/send?access_token=" + DING_TOKEN;
    }

    String wecomWebhook() {
        return baseUrl() + "/cgi-bin/webhook/send?key=" + WECOM_ROBOT_KEY;
    }

    List<Request> to(String path, String chatUser) {
        return requests.stream().filter(r -> r.path().equals(path) && r.body() != null
                && r.body().toString().contains("\"" + chatUser + "\"")).toList();
    }

    void failNext(String chatUser, int times) {
        failures.put(chatUser, new AtomicInteger(times));
    }

    private void gettoken(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        int errcode = !"GET".equals(exchange.getRequestMethod()) ? 40001
                : !CORP_ID.equals(query.get("corpid")) ? 40013 : !SECRET.equals(query.get("corpsecret")) ? 40001 : 0;
        requests.add(new Request("/cgi-bin/gettoken", query, null, errcode));
        if (errcode != 0) {
            answer(exchange, 200, Map.of("errcode", errcode, "errmsg", "invalid credential"));
            return;
        }
        currentToken = "token-" + tokensIssued.incrementAndGet();
        answer(exchange, 200, Map.of("errcode", 0, "errmsg", "ok", "access_token", currentToken, "expires_in", 7200));
    }

    private void messageSend(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        JsonNode body = body(exchange);
        String user = body.path("touser").asText();
        int errcode = !"POST".equals(exchange.getRequestMethod()) ? 40001
                : currentToken == null || !currentToken.equals(query.get("access_token")) ? 40014
                : expireTokens.getAndUpdate(n -> Math.max(n - 1, 0)) > 0 ? 42001
                : body.path("agentid").asLong() != 1000002L || user.isBlank() ? 40056
                : !"textcard".equals(body.path("msgtype").asText())
                  || body.path("textcard").path("url").asText().isBlank()
                  || body.path("textcard").path("title").asText().isBlank() ? 40008 : 0;
        if (failing(exchange, "/cgi-bin/message/send", query, body, user)) {
            return;
        }
        requests.add(new Request("/cgi-bin/message/send", query, body, errcode));
        answer(exchange, 200, errcode == 0 ? Map.of("errcode", 0, "errmsg", "ok", "invaliduser", "", "msgid", "msg-" + requests.size())
                : Map.of("errcode", errcode, "errmsg", "refused by the stub"));
    }

    private void dingtalk(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        JsonNode body = body(exchange);
        String user = body.path("at").path("atUserIds").path(0).asText();
        int errcode = !DING_TOKEN.equals(query.get("access_token")) ? 300001
                : !validSignature(query.get("timestamp"), exchange.getRequestURI().getRawQuery()) ? 310000
                : !"text".equals(body.path("msgtype").asText()) || user.isBlank()
                  || !body.path("text").path("content").asText().contains(user) ? 400 : 0;
        if (failing(exchange, "/robot/send", query, body, user)) {
            return;
        }
        requests.add(new Request("/robot/send", query, body, errcode));
        answer(exchange, 200, Map.of("errcode", errcode, "errmsg", errcode == 0 ? "ok" : "sign not match"));
    }

    private void wecomRobot(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        JsonNode body = body(exchange);
        String user = body.path("text").path("mentioned_list").path(0).asText();
        int errcode = !WECOM_ROBOT_KEY.equals(query.get("key")) ? 93000
                : !"text".equals(body.path("msgtype").asText()) || user.isBlank() ? 40008 : 0;
        if (failing(exchange, "/cgi-bin/webhook/send", query, body, user)) {
            return;
        }
        requests.add(new Request("/cgi-bin/webhook/send", query, body, errcode));
        answer(exchange, 200, Map.of("errcode", errcode, "errmsg", errcode == 0 ? "ok" : "invalid"));
    }

    /** the signature as DingTalk checks it, from the raw (still URL-encoded) query */
    private static boolean validSignature(String timestamp, String rawQuery) {
        if (timestamp == null || Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > 3_600_000) {
            return false;
        }
        String sign = null;
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("sign=")) {
                sign = pair.substring(5);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + DING_SECRET).getBytes(StandardCharsets.UTF_8)));
            return sign != null && expected.equals(URLDecoder.decode(sign, StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    private boolean failing(HttpExchange exchange, String path, Map<String, String> query, JsonNode body, String user)
            throws IOException {
        AtomicInteger left = failures.get(user);
        if (left != null && left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            requests.add(new Request(path, query, body, 502));
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
            return true;
        }
        return false;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
