package io.baobei.customer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.baobei.common.Labelled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration forms check in the browser exactly what {@link CustomerFields} defines: every field is there, its
 * {@code validate} attributes are the ones the definition gives, and the options of 所属行业 and 意向等级 are the
 * choices the server accepts, with the same labels. A limit changed on one side only fails here.
 */
class FormFieldRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"registration-start.form", "registration-revise.form"})
    void theFormsValidateWhatTheDefinitionsSay(String file) {
        CamundaForm form = CamundaForm.read(file);
        for (CustomerFields.Rule rule : CustomerFields.ALL) {
            assertThat(form.has(rule.key())).as(file + " has the field " + rule.key()).isTrue();
            assertThat(form.validate(rule.key())).as("validate of " + rule.key() + " in " + file)
                    .isEqualTo(expectedValidate(rule));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"registration-start.form", "registration-revise.form"})
    void theOptionsAreTheChoicesTheServerAccepts(String file) {
        CamundaForm form = CamundaForm.read(file);
        assertThat(form.options(CustomerFields.INDUSTRY.key())).isEqualTo(options(Industry.values()));
        assertThat(form.options(CustomerFields.GRADE.key())).isEqualTo(options(Grade.values()));
    }

    /**
     * Camunda Forms' English under a registration field becomes the server's message for the same rule
     * (custom/baobei-zh.js reads them from custom/baobei-fields.js): the file must be what the definitions give.
     */
    @Test
    void theFormsShowTheServersMessages() throws IOException {
        String expected = fieldMessagesScript();
        assertThat(Files.readString(FIELD_MESSAGES, StandardCharsets.UTF_8))
                .as("%s must be (write it so):%n%s", FIELD_MESSAGES, expected).isEqualTo(expected);
    }

    static final Path FIELD_MESSAGES = Path.of(
            "src/main/resources/META-INF/resources/webjars/camunda/app/tasklist/custom/baobei-fields.js");

    /** custom/baobei-fields.js as the definitions give it. */
    static String fieldMessagesScript() throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder script = new StringBuilder("""
                // Baobei: what the server says for each rule of the registration forms' fields (customer.CustomerFields),
                // word for word, for custom/baobei-zh.js to show under the field instead of Camunda Forms' English.
                // Generated from the definitions: customer/FormFieldRulesTest fails when this file differs and prints it.
                window.baobeiFieldMessages = {
                """);
        List<String> entries = new ArrayList<>();
        for (CustomerFields.Rule rule : CustomerFields.ALL) {
            if (!rule.browserMessages().isEmpty()) {
                List<String> messages = new ArrayList<>();
                for (Map.Entry<String, String> message : rule.browserMessages().entrySet()) {
                    messages.add(json.writeValueAsString(message.getKey()) + ": " + json.writeValueAsString(message.getValue()));
                }
                entries.add("  " + json.writeValueAsString(rule.key()) + ": {" + String.join(", ", messages) + "}");
            }
        }
        return script.append(String.join(",\n", entries)).append("\n};\n").toString();
    }

    /** The {@code validate} attributes the form must have for {@code rule}, in the order Camunda Modeler writes them. */
    static Map<String, Object> expectedValidate(CustomerFields.Rule rule) {
        Map<String, Object> validate = new LinkedHashMap<>();
        if (rule.required()) {
            validate.put("required", true);
        }
        if (rule.minLength() > 0) {
            validate.put("minLength", rule.minLength());
        }
        if (rule.maxLength() > 0) {
            validate.put("maxLength", rule.maxLength());
        }
        if (rule.pattern() != null) {
            validate.put("pattern", rule.pattern());
        }
        return validate;
    }

    private static <E extends Enum<E> & Labelled> Map<String, String> options(E[] choices) {
        return Arrays.stream(choices).collect(Collectors.toMap(Enum::name, Labelled::label, (a, b) -> a, LinkedHashMap::new));
    }
}
