package io.baobei.customer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

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
