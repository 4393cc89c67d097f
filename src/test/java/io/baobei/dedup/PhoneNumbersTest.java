package io.baobei.dedup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "13800138000, 13800138000",
            "'+86 138-0013-8000', 13800138000",
            "0086 13800138000, 13800138000",
            "8613800138000, 13800138000",
            "'138 0013 8000', 13800138000",
            "020-88889999, 02088889999",
            "'(0755) 8888 6666', 075588886666",
            "'+86 20 8888 9999', 02088889999"})
    void typedVariantsMeetInOneCanonicalForm(String typed, String canonical) {
        assertThat(PhoneNumbers.normalize(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12800138000", "1380013800", "abc", "88889999", "+1 650 555 0100", ""})
    void refusesWhatIsNotAMainlandNumber(String typed) {
        assertThat(PhoneNumbers.normalize(typed)).isNull();
    }
}
