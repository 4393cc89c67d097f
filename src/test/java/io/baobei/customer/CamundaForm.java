package io.baobei.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Camunda Form (forms/*.form) as the browser validates it: the fields' {@code validate} attributes and options, and
 * the checks Camunda Forms (form-js 1.x, bundled in Tasklist's lib/deps.js) runs on them before it submits anything:
 * required, minLength and maxLength on the trimmed value, pattern as JavaScript's {@code RegExp.test} (a search).
 */
final class CamundaForm {

    private final String file;
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    private CamundaForm(String file, JsonNode root) {
        this.file = file;
        root.get("components").forEach(component -> {
            if (component.hasNonNull("key")) {
                fields.put(component.get("key").asText(), component);
            }
        });
    }

    static CamundaForm read(String name) {
        Path path = Path.of("forms", name);
        try {
            return new CamundaForm(name, new ObjectMapper().readTree(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The field's {@code validate} attributes as written in the form (empty when it has none). */
    Map<String, Object> validate(String key) {
        Map<String, Object> validate = new LinkedHashMap<>();
        JsonNode node = fields.get(key).get("validate");
        if (node != null) {
            node.fields().forEachRemaining(e -> validate.put(e.getKey(),
                    e.getValue().isBoolean() ? e.getValue().asBoolean()
                            : e.getValue().isInt() ? e.getValue().asInt() : e.getValue().asText()));
        }
        return validate;
    }

    /** The options of a select or radio field: value → label. */
    Map<String, String> options(String key) {
        Map<String, String> options = new LinkedHashMap<>();
        fields.get(key).get("values").forEach(v -> options.put(v.get("value").asText(), v.get("label").asText()));
        return options;
    }

    /** The messages Camunda Forms shows under the field for {@code value} (empty: it lets the value through). */
    List<String> errors(String key, String value) {
        Map<String, Object> v = validate(key);
        List<String> errors = new ArrayList<>();
        if (v.containsKey("pattern") && value != null && !value.isEmpty()
                && !Pattern.compile((String) v.get("pattern")).matcher(value).find()) {
            errors.add("Field must match pattern " + v.get("pattern") + ".");
        }
        if (Boolean.TRUE.equals(v.get("required")) && (value == null || value.isEmpty())) {
            errors.add("Field is required.");
        }
        if (v.containsKey("minLength") && value != null && !value.isEmpty()
                && value.strip().length() < (Integer) v.get("minLength")) {
            errors.add("Field must have minimum length of " + v.get("minLength") + ".");
        }
        if (v.containsKey("maxLength") && value != null && !value.isEmpty()
                && value.strip().length() > (Integer) v.get("maxLength")) {
            errors.add("Field must have maximum length of " + v.get("maxLength") + ".");
        }
        return errors;
    }
}
