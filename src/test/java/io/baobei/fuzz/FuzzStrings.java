package io.baobei.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * String generators shared by the fuzz properties: hostile text (anything a browser, a REST client or a
 * spreadsheet can send) mixed with plausible values, so that the properties reach both the refusing and
 * the accepting paths of the code under test.
 */
public final class FuzzStrings {

    /** C0/C1 controls, including the three that forms may legitimately contain. */
    static final String CONTROLS = "\u0000\u0001\u0007\b\t\n\u000B\f\r\u001B\u001F\u007F\u0085\u009F";
    /** Unicode spaces that {@link String#strip()} removes and ASCII {@code \s} does not match, and some it keeps. */
    static final String SPACES = " \u00A0\u1680\u2000\u2007\u200A\u2028\u2029\u202F\u205F\u3000\u200B\uFEFF";
    /** bidi and other format characters: RLM, LRM, RLO, PDF, ZWJ, ZWNJ, word joiner, soft hyphen */
    static final String FORMAT = "\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200C\u200D\u2060\u00AD";
    /** full-width forms, compatibility characters that NFKC expands, CJK in both scripts */
    static final String COMPAT = "ＡＢＣａｂｃ０１２３９（）［］－＋＠．，！　㈱㍿㍻㍼㎉ⅷⅫ①⑳ﬀﬃ\uFDFA\uFDFB\u2126\u212A\u0130\u0131ß\u1E9E\u017F";
    static final String CJK = "深圳市腾达科技有限公司股份集团分公司办事处北京上海广东省南山区華為技術銀行發展國際電子商務貿易中国中华";
    static final String EMOJI_AND_SURROGATES = "😀👍🏽👨‍👩‍👧𠀀𪚥\uD83D\uDE00\uD800\uDBFF\uDC00\uDFFF";

    private FuzzStrings() {
    }

    /** Anything at all: every UTF-16 unit (unpaired surrogates too), short and very long, null, blank. */
    public static Arbitrary<String> hostile() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.strings().all().ofMaxLength(40)),
                        Tuple.of(6, Arbitraries.strings()
                                .withChars(CONTROLS + SPACES + FORMAT + COMPAT + CJK + EMOJI_AND_SURROGATES)
                                .withCharRange('a', 'z').withCharRange('0', '9').withChars("-+.@()_ ")
                                .ofMaxLength(40)),
                        Tuple.of(2, Arbitraries.strings().withChars(SPACES + CONTROLS).ofMaxLength(8)),
                        Tuple.of(1, Arbitraries.strings().all().ofMinLength(100).ofMaxLength(10_000)),
                        Tuple.of(1, Arbitraries.of(COMPAT.codePoints()
                                        .mapToObj(Character::toString).toArray(String[]::new))
                                .flatMap(c -> Arbitraries.integers().between(1, 1_500).map(c::repeat))),
                        Tuple.of(1, Arbitraries.of("", " ", "\t\n", "\u3000", "null", "undefined",
                                "'; drop table customer; --", "<script>alert(1)</script>", "%s%n", "${jndi:x}",
                                "\uD800", "\uDC00x", "\u202Eabc", "😀".repeat(101), "a".repeat(10_000))))
                .injectNull(0.05);
    }

    /** Strings of the characters a field is built from, now and then between blanks or format characters. */
    public static Arbitrary<String> plausible(String chars, int minLength, int maxLength) {
        Arbitrary<String> core = Arbitraries.strings().withChars(chars).ofMinLength(minLength).ofMaxLength(maxLength);
        return Arbitraries.frequencyOf(
                Tuple.of(8, core),
                Tuple.of(2, Combinators.combine(
                                Arbitraries.strings().withChars(SPACES + FORMAT).ofMaxLength(2), core,
                                Arbitraries.strings().withChars(SPACES + FORMAT).ofMaxLength(2))
                        .as((a, b, c) -> a + b + c)));
    }

    /** Either hostile text or a plausible value, mostly plausible so that accepting paths are reached too. */
    public static Arbitrary<String> field(Arbitrary<String> plausible) {
        return field(plausible, 4);
    }

    /** {@code plausibleWeight} plausible values to one hostile value */
    public static Arbitrary<String> field(Arbitrary<String> plausible, int plausibleWeight) {
        return Arbitraries.frequencyOf(Tuple.of(plausibleWeight, plausible), Tuple.of(1, hostile()));
    }

    /** True when the text contains at least one CJK ideograph: the user-facing messages are Chinese. */
    public static boolean containsChinese(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
