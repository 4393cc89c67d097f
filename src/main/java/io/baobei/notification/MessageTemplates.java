package io.baobei.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Chinese message texts, from notifications/messages.properties overlaid by the admins' own file
 * ({@code baobei.notifications.templates}). Read and checked at start-up: every kind has its three texts and a robot
 * text uses only {user}, {event} and {link}, so rendering cannot fail inside an event's transaction and a group
 * never sees a customer's name.
 */
@Component
public class MessageTemplates {

    static final String BUILT_IN = "notifications/messages.properties";
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final List<String> ROBOT_PARAMS = List.of("user", "event", "link");

    private final Properties texts;

    @Autowired
    public MessageTemplates(NotificationProperties properties) {
        this(properties.templates() == null ? null : Path.of(properties.templates()));
    }

    MessageTemplates(Path overrides) {
        texts = new Properties();
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the classpath");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (overrides != null) {
                try (Reader reader = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
                    texts.load(reader);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the notification templates " + overrides + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            for (String part : List.of("title", "body", "robot")) {
                String text = texts.getProperty(kind + "." + part);
                if (text == null || text.isBlank()) {
                    problems.add(kind + "." + part + " is missing");
                } else if (part.equals("robot")) {
                    Matcher m = PARAM.matcher(text);
                    while (m.find()) {
                        if (!ROBOT_PARAMS.contains(m.group(1))) {
                            problems.add(kind + ".robot uses {" + m.group(1) + "}: a group robot may only use {user}, {event}, {link}");
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("notification templates" + (overrides == null ? "" : " (" + overrides + ")")
                    + ": " + String.join("; ", problems));
        }
    }

    /** The texts of one event for its recipient's own eyes (in-app, email, 企业微信 application message). */
    public record Rendered(String title, String body) {
    }

    public Rendered render(NotificationKind kind, Map<String, String> params) {
        return new Rendered(fill(texts.getProperty(kind + ".title"), params, 200),
                fill(texts.getProperty(kind + ".body"), params, 1500));
    }

    /** The text of a group robot: only the event's label, the mentioned user and the link, whatever the event carried. */
    public String robot(NotificationKind kind, String user, String link) {
        return fill(texts.getProperty(kind + ".robot"), Map.of("user", user, "event", kind.label(), "link", link), 1000);
    }

    private static String fill(String template, Map<String, String> params, int max) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        String text = out.toString().strip();
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
