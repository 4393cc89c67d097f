package io.baobei.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP as a browser does it, for header and cookie tests: one cookie jar, redirects not followed, every
 * Set-Cookie header readable as sent. Extra request headers are given as name, value pairs.
 */
public final class RawHttp {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public RawHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** Posts an HTML form (application/x-www-form-urlencoded), as a browser submits one. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The CSRF token of the first form of a page. */
    public static String csrfToken(String html) {
        Matcher csrf = CSRF_FIELD.matcher(html);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the page: " + html);
        }
        return csrf.group(1);
    }

    /** Opens the login page and signs in with its CSRF token; returns the answer to the form post. */
    public HttpResponse<String> login(String username, String password, String... headers) {
        return submitLogin(get("/login", headers), username, password, headers);
    }

    HttpResponse<String> submitLogin(HttpResponse<String> loginPage, String username, String password,
                                     String... headers) {
        Matcher csrf = CSRF_FIELD.matcher(loginPage.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the login page: " + loginPage.body());
        }
        String form = Map.of("username", username, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request("/login", headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The value the jar holds for the cookie, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The Set-Cookie header of the response that sets {@code name}, as sent. */
    static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return setCookies(response).stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : setCookies(response)) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = setCookie.contains("Max-Age=0") || value.isEmpty();
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
