package io.baobei.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.baobei.common.InvalidInputException;

/**
 * 申请延期's two fields have one rule, whether they come from the follow-up form or the API, and the form's own limits
 * are the rule's.
 */
class ExtensionInputTest {

    @Test
    void theFollowUpFormLimitsAreTheRule() throws IOException {
        JsonNode form = new ObjectMapper().readTree(Files.readString(Path.of("forms", "protection-follow-up.form")));
        JsonNode days = field(form, ProtectionVariables.EXTENSION_DAYS);
        assertThat(days.at("/validate/min").asInt()).isEqualTo(1);
        assertThat(days.at("/validate/max").asInt()).isEqualTo(ExtensionInput.MAX_DAYS);
        assertThat(days.at("/decimalDigits").asInt()).isZero();
        assertThat(days.get("description").asText()).contains("1 到 " + ExtensionInput.MAX_DAYS + " 天");
        assertThat(field(form, ProtectionVariables.EXTENSION_REASON).at("/validate/maxLength").asInt())
                .isEqualTo(ExtensionInput.MAX_REASON);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "->", value = {"1 -> 1", "15 -> 15", "15.0 -> 15", "1.5E1 -> 15", "' 90 ' -> 90"})
    void wholeDaysFromOneToTheMaximumAreAccepted(String days, int accepted) {
        assertThat(ExtensionInput.read(days, " 客户采购流程延后 ", "d", "r"))
                .isEqualTo(new ExtensionInput(accepted, "客户采购流程延后"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "91", "1.5", "十天", "15天"})
    void otherDaysAreRefusedWithTheRange(String days) {
        assertThatThrownBy(() -> ExtensionInput.read(days, "客户采购流程延后", "d", "r"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("申请延期天数应为 1 到 90 之间的整数");
    }

    @Test
    void bothFieldsAreRequiredAndRefusedTogether() {
        assertThatThrownBy(() -> ExtensionInput.read(" ", null, "d", "r"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field() + ":" + error.message())
                        .containsExactly("d:请填写申请延期天数", "r:请填写申请延期的原因"));
    }

    @Test
    void theReasonIsCountedInCharactersAsTypedNotInJavaChars() {
        String astral = "𠮷"; // one character, two UTF-16 units
        assertThat(ExtensionInput.read(10, astral.repeat(ExtensionInput.MAX_REASON), "d", "r").reason())
                .hasSize(2 * ExtensionInput.MAX_REASON);
        assertThatThrownBy(() -> ExtensionInput.read(10, "原".repeat(ExtensionInput.MAX_REASON + 1), "d", "r"))
                .hasMessageContaining("申请延期的原因不能超过 500 个字符");
    }

    private static JsonNode field(JsonNode node, String key) {
        if (key.equals(node.path("key").asText())) {
            return node;
        }
        for (JsonNode child : node.path("components")) {
            JsonNode found = field(child, key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
