package io.baobei.fuzz;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.baobei.dedup.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PhoneNumbers#normalize}: total, canonical output only, and a fixed point on its own output. */
class PhoneNumbersPropertiesTest {

    /**
     * The forms documented in PhoneNumbers: an 11-digit mobile, or area code + local number. Note: the
     * landline pattern admits 10 digits (3-digit area code + 7-digit number, e.g. 0202345678), although
     * 010/02x areas have 8-digit numbers only; asserted here as implemented, reported separately.
     */
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("(010|02[0-9]|0[3-9][0-9]{2})[2-9][0-9]{6,7}");

    @Property(tries = 2000)
    void normalizeIsTotalCanonicalAndIdempotent(@ForAll("phones") String phone) {
        String normalized = PhoneNumbers.normalize(phone);
        Statistics.label("result").collect(normalized == null ? "null" : normalized.length() + " digits");
        if (normalized == null) {
            return;
        }
        assertThat(normalized).matches("[0-9]{10,12}");
        assertThat(MOBILE.matcher(normalized).matches() || LANDLINE.matcher(normalized).matches())
                .as("%s from %s is a mobile or landline", normalized, CompanyNamesPropertiesTest.escape(phone)).isTrue();
        assertThat(PhoneNumbers.normalize(normalized)).isEqualTo(normalized);
        // only digits of the input survive, in their order (+86 20 …: the trunk 0 is put back)
        String inputDigits = phone.replaceAll("[^0-9]", "");
        assertThat(inputDigits.endsWith(normalized)
                || normalized.startsWith("0") && inputDigits.endsWith(normalized.substring(1)))
                .as("%s ends the digits of %s", normalized, inputDigits).isTrue();
    }

    @Provide
    Arbitrary<String> phones() {
        Arbitrary<String> mobile = Combinators.combine(Arbitraries.integers().between(3, 9),
                        Arbitraries.strings().numeric().ofLength(9))
                .as((second, rest) -> "1" + second + rest);
        Arbitrary<String> landline = Combinators.combine(Arbitraries.of("010", "020", "029", "0755", "0311"),
                        Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(7))
                .as((area, first, rest) -> area + first + rest);
        // near misses: wrong second digit, wrong length, 00 or 0086 as the area code
        Arbitrary<String> nearMiss = Combinators.combine(Arbitraries.of("1", "10", "12", "010", "0086", "00", "86", "0"),
                        Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(11))
                .as((start, rest) -> start + rest);
        Arbitrary<String> number = Arbitraries.frequencyOf(Tuple.of(3, mobile), Tuple.of(3, landline),
                Tuple.of(1, landline.map(l -> l.substring(1))), Tuple.of(2, nearMiss));
        Arbitrary<String> decorated = Combinators.combine(
                        Arbitraries.of("", "+86", "+86 ", "0086", "86", "+086", "++86", " ", "(", "\u3000", "\u00A0"),
                        number, Arbitraries.of("", "-", " ", ".", "（", "）", "\t", "\n", "-", " ", "\u2013", "\uFF0D", "\u0000"),
                        Arbitraries.integers().between(0, 11))
                .as((prefix, n, separator, at) -> prefix + n.substring(0, Math.min(at, n.length())) + separator
                        + n.substring(Math.min(at, n.length())));
        Arbitrary<String> fullWidthOrOtherDigits = number.map(n -> n.chars()
                .map(c -> c - '0' + (n.length() % 2 == 0 ? '\uFF10' : '\u0660'))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        return Arbitraries.frequencyOf(Tuple.of(4, number), Tuple.of(6, decorated), Tuple.of(1, fullWidthOrOtherDigits),
                Tuple.of(2, FuzzStrings.hostile()),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789+-() .（）").ofMaxLength(20)));
    }
}
