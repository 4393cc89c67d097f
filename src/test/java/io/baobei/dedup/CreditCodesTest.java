package io.baobei.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CreditCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91440300708461136T", "911100001000079554"})
    void acceptsCodesWithTheRightCheckCharacter(String code) {
        assertThat(CreditCodes.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91440300708461136", "9144030070846113611", "91440300708461136I",
            "9144030O708461136T"})
    void refusesWrongCheckCharacterLengthOrForbiddenLetters(String code) {
        assertThat(CreditCodes.isValid(code)).isFalse();
    }

    @Test
    void normalisesCaseAndBlanks() {
        assertThat(CreditCodes.normalize(" 91440300 708461136t ")).isEqualTo("91440300708461136T");
        assertThat(CreditCodes.normalize("   ")).isNull();
    }

    @Test
    void checkCharacterCompletesAValidCode() {
        String first17 = "91440300MA5D00001";
        assertThat(CreditCodes.isValid(first17 + CreditCodes.checkCharacter(first17))).isTrue();
    }
}
