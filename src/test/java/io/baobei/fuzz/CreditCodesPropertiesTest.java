package io.baobei.fuzz;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.baobei.dedup.CreditCodes;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CreditCodes}: total on any text; the check character detects every change of itself. */
class CreditCodesPropertiesTest {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Property(tries = 1000)
    void normalizeAndIsValidAreTotal(@ForAll("anyText") String code) {
        String normalized = CreditCodes.normalize(code);
        if (normalized != null) {
            // ASCII blanks only: U+3000 (IME full-width space) and NBSP stay in, see the report
            assertThat(normalized).isNotEmpty().doesNotContainPattern("\\s");
            assertThat(normalized).isEqualTo(normalized.toUpperCase(Locale.ROOT));
            assertThat(CreditCodes.normalize(normalized)).isEqualTo(normalized);
        }
        boolean valid = CreditCodes.isValid(normalized);
        CreditCodes.isValid(code);
        if (valid) {
            assertThat(normalized).hasSize(18).matches("[" + CHARSET + "]{18}");
        }
    }

    @Property(tries = 1000)
    void theCheckCharacterCompletesAValidCode(@ForAll("first17") String first17) {
        String code = first17 + CreditCodes.checkCharacter(first17);
        assertThat(CreditCodes.isValid(code)).isTrue();
        assertThat(CreditCodes.normalize(" " + code.toLowerCase(Locale.ROOT) + "\t")).isEqualTo(code);
        assertThat(CreditCodes.isValid(CreditCodes.normalize(code.substring(0, 9) + " " + code.substring(9)))).isTrue();
    }

    @Property(tries = 1000)
    void everyOtherLastCharacterIsInvalid(@ForAll("first17") String first17, @ForAll("allowed") char other) {
        char check = CreditCodes.checkCharacter(first17);
        String code = first17 + other;
        assertThat(CreditCodes.isValid(code)).isEqualTo(other == check);
    }

    @Property(tries = 1000)
    void changingOneOfTheFirst17IsDetected(@ForAll("first17") String first17,
                                           @ForAll("position") int position, @ForAll("allowed") char replacement) {
        String code = first17 + CreditCodes.checkCharacter(first17);
        String changed = code.substring(0, position) + replacement + code.substring(position + 1);
        // 31 is prime and no weight is a multiple of it: any single substitution changes the check
        assertThat(CreditCodes.isValid(changed)).isEqualTo(replacement == code.charAt(position));
    }

    @Provide
    Arbitrary<String> first17() {
        return Arbitraries.strings().withChars(CHARSET).ofLength(17);
    }

    @Provide
    Arbitrary<Character> allowed() {
        return Arbitraries.of(CHARSET.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, 16);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(FuzzStrings.hostile(),
                Arbitraries.strings().withChars(CHARSET + "iozsvIOZSV ß\u0131\u017Fﬀ\u3000\t").ofMinLength(16).ofMaxLength(20));
    }
}
