package io.baobei.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over HTTP for the chat channels, with short timeouts: a slow chat server holds up one worker poll, no more. */
class JsonHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;

    JsonHttp(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    JsonNode get(String url) throws DeliveryException {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    JsonNode post(String url, Object body) throws DeliveryException {
        try {
            return exchange(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DeliveryException("请求内容无法生成：" + e.getMessage(), e);
        }
    }

    private JsonNode exchange(HttpRequest.Builder request) throws DeliveryException {
        HttpResponse<String> response;
        try {
            response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("连接失败：" + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("发送被中断", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("HTTP " + response.statusCode() + "：" + abbreviate(response.body()), false);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DeliveryException("应答不是 JSON：" + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
