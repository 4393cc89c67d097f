package io.baobei.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a user can fill in on a Camunda Form: components with a {@code key} that are neither disabled nor
 * read-only (form-js submits exactly those). The deployed form is the one definition of what a start or a task
 * completion may carry, so a field added in Modeler is accepted without a code change.
 */
final class FormFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** form-js components that display but never submit a value */
    private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer", "separator",
            "button", "iframe", "table", "documentPreview");

    private FormFields() {
    }

    static Set<String> writable(InputStream form) {
        try (form) {
            Set<String> keys = new LinkedHashSet<>();
            collect(JSON.readTree(form).path("components"), keys);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable Camunda Form", e);
        }
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            String key = component.path("key").asText(null);
            boolean fixed = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false)
                    || DISPLAY_ONLY.contains(component.path("type").asText(""));
            if (key != null && !fixed) {
                keys.add(key);
            }
            collect(component.path("components"), keys);
        }
    }
}
