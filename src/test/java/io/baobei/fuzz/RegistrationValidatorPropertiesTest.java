package io.baobei.fuzz;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.CreditCodes;
import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationValidator;
import io.baobei.registration.RegistrationVariables;
import io.baobei.registration.ValidRegistration;

import static io.baobei.fuzz.FuzzStrings.codePoints;
import static io.baobei.fuzz.FuzzStrings.plausible;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RegistrationValidator} on arbitrary form text: it refuses with {@link InvalidInputException} and
 * Chinese messages, never with anything else, and what it accepts is in canonical form within the limits.
 */
class RegistrationValidatorPropertiesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), SHANGHAI);
    private static final LocalDate TODAY = LocalDate.now(CLOCK);
    private static final Pattern CANONICAL_PHONE =
            Pattern.compile("1[3-9]\\d{9}|(010|02\\d|0[3-9]\\d{2})[2-9]\\d{6,7}");
    private static final Pattern EMAIL =
            Pattern.compile("^[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$");
    private static final Pattern FORBIDDEN_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    private static final String CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** registration.normalized_name and customer.normalized_name, V1__baobei_schema.sql */
    private static final int NORMALIZED_NAME_COLUMN = 400;

    private final RegistrationValidator validator = new RegistrationValidator(CLOCK);

    @Property(tries = 1500)
    void refusesOnlyWithChineseFieldErrorsAndAcceptsOnlyCanonicalForms(
            @ForAll("companyNames") String companyName, @ForAll("creditCodes") String creditCode,
            @ForAll("personNames") String contactName, @ForAll("phones") String phone,
            @ForAll("emails") String email, @ForAll("industries") String industry,
            @ForAll("regions") String region, @ForAll("grades") String grade,
            @ForAll("dates") String firstContactDate, @ForAll("notes") String notes,
            @ForAll boolean revision) {
        // not vacuous: enough forms pass to check the accepting path too
        Statistics.label("outcome").coverage(c -> c.check("accepted").percentage(p -> p >= 3));
        RegistrationForm form = new RegistrationForm(companyName, creditCode, contactName, phone, email, industry,
                region, grade, firstContactDate, notes);
        ValidRegistration result;
        try {
            result = revision ? validator.validateRevision(form) : validator.validateNew(form);
        } catch (InvalidInputException refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.errors()).isNotEmpty();
            for (FieldError error : refused.errors()) {
                assertThat(RegistrationVariables.FORM_FIELDS).contains(error.field());
                assertThat(error.message()).isNotBlank();
                assertThat(FuzzStrings.containsChinese(error.message()))
                        .as("message of %s is Chinese: %s", error.field(), error.message()).isTrue();
            }
            return;
        } catch (RuntimeException unexpected) {
            throw new AssertionError("unexpected " + unexpected + " for " + form, unexpected);
        }
        Statistics.label("outcome").collect("accepted");
        checkCanonical(result, form, revision);
    }

    @Property(tries = 300)
    void everyFieldAloneOnAValidFormIsRefusedOrCanonical(@ForAll("fieldIndex") int index,
                                                         @ForAll("hostile") String value, @ForAll boolean revision) {
        String[] fields = {"深圳市腾达科技有限公司", "91440300708461136T", "王先生", "+86 138-0013-8000", "Wang@Example.CN",
                "IT", "广东省深圳市", "a", "2026-11-20", "需要报价"};
        fields[index] = value;
        RegistrationForm form = new RegistrationForm(fields[0], fields[1], fields[2], fields[3], fields[4],
                fields[5], fields[6], fields[7], fields[8], fields[9]);
        try {
            ValidRegistration result = revision ? validator.validateRevision(form) : validator.validateNew(form);
            Statistics.label("outcome").collect("accepted");
            checkCanonical(result, form, revision);
        } catch (InvalidInputException refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.errors()).isNotEmpty()
                    .allSatisfy(e -> assertThat(FuzzStrings.containsChinese(e.message())).isTrue());
            // a refusal names the field that was changed, and only that one
            assertThat(refused.errors()).extracting(FieldError::field)
                    .containsOnly(RegistrationVariables.FORM_FIELDS.get(index));
        } catch (RuntimeException unexpected) {
            throw new AssertionError("unexpected " + unexpected + " for " + form, unexpected);
        }
    }

    /**
     * NFKC expands compatibility characters ("㍿" → "株式会社"), so a name within the 100-character limit
     * can fold to a much longer one: an accepted name must still fit normalized_name (V6 migration), else the
     * insert would fail with a 500 instead of a Chinese refusal. Found by this property ("㍿" × 51).
     */
    @Property(tries = 300)
    void theNormalizedNameOfAnAcceptedNameFitsItsColumn(@ForAll("companyNames") String companyName) {
        RegistrationForm form = new RegistrationForm(companyName, null, "王先生", "13800138000", "", "IT", "广东省深圳市",
                "A", TODAY.toString(), null);
        ValidRegistration result;
        try {
            result = validator.validateNew(form);
        } catch (InvalidInputException refused) {
            return;
        }
        assertThat(result.normalizedName().length())
                .as("normalizedName fits varchar(%d): %s", NORMALIZED_NAME_COLUMN, result.companyName())
                .isLessThanOrEqualTo(NORMALIZED_NAME_COLUMN);
    }

    private static void checkCanonical(ValidRegistration result, RegistrationForm form, boolean revision) {
        // company name: trimmed text of at most 100 code points, no control characters
        assertThat(result.companyName()).isEqualTo(form.companyName().strip());
        assertThat(codePoints(result.companyName())).isBetween(1, 100);
        assertThat(FORBIDDEN_CONTROL.matcher(result.companyName()).find()).isFalse();
        assertThat(result.normalizedName()).isEqualTo(CompanyNames.normalize(result.companyName()));
        assertThat(result.normalizedName().length()).isGreaterThanOrEqualTo(2);

        if (result.creditCode() != null) {
            assertThat(result.creditCode()).hasSize(18);
            assertThat(CreditCodes.isValid(result.creditCode())).isTrue();
            assertThat(result.creditCode().chars().allMatch(c -> CREDIT_CHARSET.indexOf(c) >= 0)).isTrue();
        } else {
            // only blanks were typed: ASCII whitespace or any Unicode space, also after NFKC (full-width U+3000)
            assertThat(form.creditCode() == null || Normalizer.normalize(form.creditCode(), Normalizer.Form.NFKC)
                    .codePoints().allMatch(c -> " \t\n\u000B\f\r".indexOf(c) >= 0 || Character.isSpaceChar(c) || Character.isWhitespace(c)))
                    .as("credit code %s dropped as empty", form.creditCode()).isTrue();
        }

        checkText(result.contactName(), 50, !revision);
        checkText(result.region(), 50, true);
        checkText(result.notes(), 2000, false);

        if (result.phone() != null) {
            assertThat(result.phone()).matches(CANONICAL_PHONE);
        } else {
            assertThat(revision).as("a new registration has a phone").isTrue();
        }

        if (result.email() == null) {
            assertThat(revision).as("a new registration has an email, possibly empty").isTrue();
        } else if (!result.email().isEmpty()) {
            assertThat(result.email()).isEqualTo(result.email().toLowerCase(Locale.ROOT));
            assertThat(result.email()).hasSizeLessThanOrEqualTo(100).matches(EMAIL);
        }

        assertThat(result.industry()).isNotNull();
        assertThat(result.grade()).isNotNull();
        assertThat(result.firstContactDate()).isBetween(TODAY.minusDays(366), TODAY);
    }

    private static void checkText(String value, int max, boolean required) {
        if (value == null) {
            assertThat(required).isFalse();
            return;
        }
        assertThat(value).isNotBlank().isEqualTo(value.strip());
        assertThat(codePoints(value)).isLessThanOrEqualTo(max);
        assertThat(FORBIDDEN_CONTROL.matcher(value).find()).isFalse();
    }

    // ---- generators

    /** mostly plausible values (each field 90 %), so that a good share of the forms passes */
    private static Arbitrary<String> field(Arbitrary<String> plausible) {
        return FuzzStrings.field(plausible, 9);
    }

    @Provide
    Arbitrary<Integer> fieldIndex() {
        return Arbitraries.integers().between(0, 9);
    }

    @Provide
    Arbitrary<String> hostile() {
        return FuzzStrings.hostile();
    }

    @Provide
    Arbitrary<String> companyNames() {
        // compatibility characters repeated: NFKC expands them (㍿ → 株式会社), see checkCanonical
        Arbitrary<String> expanding = Arbitraries.of("\u337F", "\u2177", "\uFDFA", "\u3392", "\u337B")
                .flatMap(c -> Arbitraries.integers().between(1, 100).map(c::repeat));
        return field(Arbitraries.frequencyOf(
                Tuple.of(6, plausible(FuzzStrings.CJK + "ABCabc()（） &.", 2, 30)),
                Tuple.of(2, plausible(FuzzStrings.CJK + FuzzStrings.COMPAT, 90, 102)),
                Tuple.of(1, expanding)));
    }

    @Provide
    Arbitrary<String> creditCodes() {
        Arbitrary<String> valid = Arbitraries.strings().withChars(CREDIT_CHARSET).ofLength(17)
                .map(first17 -> first17 + CreditCodes.checkCharacter(first17));
        return field(Arbitraries.frequencyOf(
                Tuple.of(3, valid),
                Tuple.of(1, valid.map(c -> c.toLowerCase(Locale.ROOT))),
                Tuple.of(1, valid.map(c -> " " + c.substring(0, 6) + " \t" + c.substring(6) + "\n")),
                Tuple.of(1, Arbitraries.strings().withChars(CREDIT_CHARSET + "IOSZVios").ofLength(18)),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("", "   "))));
    }

    @Provide
    Arbitrary<String> personNames() {
        return field(plausible("王李张刘陈先生女士经理 AaBb·", 1, 55));
    }

    @Provide
    Arbitrary<String> regions() {
        return field(plausible("广东省深圳市南山区北京上海", 1, 55));
    }

    @Provide
    Arbitrary<String> notes() {
        return field(Arbitraries.frequencyOf(Tuple.of(4, plausible("需要报价 \n\t。，abc123", 0, 50)),
                Tuple.of(1, plausible("需要报价 \n\t。，abc123😀", 1990, 2010))));
    }

    @Provide
    Arbitrary<String> phones() {
        Arbitrary<String> mobile = Combinators.combine(Arbitraries.integers().between(3, 9),
                        Arbitraries.strings().numeric().ofLength(9))
                .as((second, rest) -> "1" + second + rest);
        Arbitrary<String> landline = Combinators.combine(Arbitraries.of("010", "020", "021", "0755", "0571", "0311"),
                        Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(7))
                .as((area, first, rest) -> area + first + rest);
        Arbitrary<String> number = Arbitraries.oneOf(mobile, landline);
        Arbitrary<String> decorated = Combinators.combine(Arbitraries.of("", "+86", "+86 ", "0086", "86", " ", "(", "\u3000"),
                        number, Arbitraries.of("", "-", " ", ".", "（", "\t"))
                .as((prefix, n, separator) -> prefix + n.substring(0, 3) + separator + n.substring(3));
        return field(Arbitraries.oneOf(number, decorated, Arbitraries.strings().withChars("0123456789+-() ").ofMaxLength(16)));
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> part = Arbitraries.strings().withChars("abcXYZ019._%+-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> email = Combinators.combine(part, label, Arbitraries.strings().withChars("cnomCNOM").ofMinLength(2).ofMaxLength(4))
                .as((local, domain, tld) -> local + "@" + domain + "." + tld);
        return field(Arbitraries.frequencyOf(
                Tuple.of(5, email),
                Tuple.of(1, email.map(e -> "\u212A" + e)), // KELVIN SIGN lower-cases to ASCII k
                Tuple.of(1, email.map(e -> e.repeat(5))),
                Tuple.of(1, Arbitraries.of("", " ", "a@b", "@example.com", "a@@b.cn"))));
    }

    @Provide
    Arbitrary<String> industries() {
        String[] names = Arrays.stream(Industry.values()).map(Enum::name).toArray(String[]::new);
        return field(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(names)),
                Tuple.of(1, Arbitraries.of(names).map(n -> " " + n.toLowerCase(Locale.ROOT) + " ")),
                Tuple.of(1, Arbitraries.of("MINING", "", "it", "IT\u0000", "信息技术/互联网", " IT\u3000"))));
    }

    @Provide
    Arbitrary<String> grades() {
        String[] names = Arrays.stream(Grade.values()).map(Enum::name).toArray(String[]::new);
        return field(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(names)),
                Tuple.of(3, Arbitraries.of(names).map(n -> "\u3000" + n.toLowerCase(Locale.ROOT))),
                Tuple.of(1, Arbitraries.of("E", "AA", "ａ", "\u0131", "A\u0000"))));
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<LocalDate> date = Arbitraries.integers().between(-400, 10).map(TODAY::plusDays);
        return field(Arbitraries.oneOf(
                date.map(LocalDate::toString),
                date.map(d -> d + "T08:00:00.000Z"),
                date.map(d -> " " + d + "\u3000"),
                Arbitraries.of("2026-02-30", "2026-13-01", "+10000-01-01", "-0001-01-01", "20/11/2026", "2026-11-2",
                        "２０２６-１１-２０", "2026-11-20\uD800", "2026-11-2\uD83D\uDE00")));
    }
}
