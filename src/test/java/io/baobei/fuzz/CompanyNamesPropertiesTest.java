package io.baobei.fuzz;

import java.util.Set;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.baobei.customer.CustomerFields;
import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;

import static io.baobei.fuzz.FuzzStrings.codePoints;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CompanyNames} on any text at all: total, idempotent, and its keys fit the blocking index. */
class CompanyNamesPropertiesTest {

    private static final Pattern FOLDED = Pattern.compile("[\\p{L}\\p{N}]*");
    /** customer_name_key.name_key, V2__customer_name_index.sql */
    private static final int NAME_KEY_COLUMN = 120;
    /** the longest company name any path accepts (registration, check, import) */
    private static final int MAX_COMPANY_NAME = CustomerFields.COMPANY_NAME.maxLength();

    /** Every CJK ideograph of the BMP alone (both unified blocks and the compatibility block), exhaustively. */
    @Property(tries = 30_000, generation = GenerationMode.EXHAUSTIVE)
    void normalizeIsIdempotentOnEveryCjkIdeograph(@ForAll("cjkIdeographs") int codePoint) {
        String normalized = CompanyNames.normalize(Character.toString(codePoint));
        assertThat(CompanyNames.normalize(normalized))
                .as("normalize(normalize(U+%04X)) = normalize(%s)", codePoint, normalized).isEqualTo(normalized);
    }

    /**
     * Normalising twice changes nothing. ICU's Traditional-Simplified table maps 苧 → 苎 and 苎 → 苧, which
     * {@link #normalizeIsIdempotentOnEveryCjkIdeograph} found; CompanyNames fixes one spelling.
     */
    @Property(tries = 600)
    void normalizeIsTotalAndIdempotent(@ForAll("names") String name) {
        String normalized = CompanyNames.normalize(name);
        assertThat(normalized).isNotNull().matches(FOLDED);
        assertThat(CompanyNames.normalize(normalized)).as("normalize(normalize(x)) for %s", escape(name))
                .isEqualTo(normalized);
    }

    @Property(tries = 600)
    void analyzeIsTotalAndConsistentWithNormalize(@ForAll("names") String name) {
        CompanyName analyzed = CompanyNames.analyze(name);
        assertThat(analyzed.full()).isEqualTo(CompanyNames.normalize(name));
        assertThat(analyzed.core()).isNotNull().matches(FOLDED);
        assertThat(analyzed.trade()).isNotNull().matches(FOLDED);
        assertThat(analyzed.core()).startsWith(analyzed.trade());
        if (analyzed.region() != null) {
            assertThat(analyzed.region()).isNotBlank(); // null or a region code, never ""
        }
        Set<String> keys = analyzed.blockingKeys();
        // core, trade, up to four pinyin spellings, one shape skeleton, the trade and its 12 deletions
        assertThat(keys).isNotEmpty().hasSizeLessThanOrEqualTo(2 + 4 + 1 + 1 + 12)
                .allMatch(k -> k.startsWith("c:") || k.startsWith("t:") || k.startsWith("p:") || k.startsWith("f:")
                        || k.startsWith("d:"));
        // the core and trade keys are there, whole or cut to the column's length
        assertThat(keys).anyMatch(k -> k.startsWith("c:") && ("c:" + analyzed.core()).startsWith(k));
        assertThat(keys).anyMatch(k -> k.startsWith("t:") && ("t:" + analyzed.trade()).startsWith(k));
        // no key holds half a surrogate pair (it would turn into '?' in the database), even for broken input
        assertThat(keys).noneMatch(k -> k.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    }

    /**
     * Found by this property (fixed in 39ff288 by cutting keys in CompanyName#key): a name within the
     * 100-character limit yielded blocking keys longer than customer_name_key.name_key varchar(120), as NFKC
     * expands compatibility characters (ⅷ → viii, ㍿ → 株式会社, ﷽ → 15 letters); e.g. "㍿" x 30 → a key of
     * 122 characters. Checked in UTF-16 units, which bounds both H2 and PostgreSQL (code points).
     */
    @Property(tries = 1000)
    void blockingKeysOfAcceptableNamesFitTheIndexColumn(@ForAll("acceptableNames") String name) {
        for (String key : CompanyNames.analyze(name).blockingKeys()) {
            assertThat(key.length()).as("key %s of %s", key, escape(name)).isLessThanOrEqualTo(NAME_KEY_COLUMN);
        }
    }

    @Property(tries = 25)
    void veryLongNamesAreHandled(@ForAll("longNames") String name) {
        CompanyName analyzed = CompanyNames.analyze(name);
        assertThat(analyzed.full()).isEqualTo(CompanyNames.normalize(name));
        assertThat(analyzed.blockingKeys()).isNotEmpty();
    }

    // ---- generators

    @Provide
    Arbitrary<Integer> cjkIdeographs() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0x3400, 0x4DBF),
                Arbitraries.integers().between(0x4E00, 0x9FFF), Arbitraries.integers().between(0xF900, 0xFAFF));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(FuzzStrings.hostile(), cjkNames(), Arbitraries.strings().all().ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> acceptableNames() {
        // built without filters so that a failure shrinks fast: text cut to the limit of the validator
        Arbitrary<String> compatible = Arbitraries.strings().withChars(FuzzStrings.COMPAT + FuzzStrings.CJK)
                .ofMinLength(20).ofMaxLength(MAX_COMPANY_NAME);
        Arbitrary<String> repeated = Arbitraries.of(FuzzStrings.COMPAT.codePoints().mapToObj(Character::toString)
                        .toArray(String[]::new))
                .flatMap(c -> Arbitraries.integers().between(1, MAX_COMPANY_NAME).map(c::repeat));
        return Arbitraries.oneOf(cjkNames(), compatible, repeated, FuzzStrings.hostile().map(n -> n == null ? "" : n))
                .map(n -> firstCodePoints(n.strip(), MAX_COMPANY_NAME))
                .filter(n -> !n.isEmpty());
    }

    @Provide
    Arbitrary<String> longNames() {
        Arbitrary<String> words = Arbitraries.of("有限公司", "分公司", "公司", "有限", "(", "（北京）", "深圳", "科技", "集团",
                "银行", "支行", "办事处", "广东省", "Co., Ltd.", "ⅷ", "a", "【", "】", " ");
        return Arbitraries.oneOf(
                words.list().ofMinSize(500).ofMaxSize(2_500).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMinLength(2_000).ofMaxLength(10_000));
    }

    /** Names from the real vocabulary: CJK (both scripts, compatibility ideographs), brackets, legal forms. */
    private static Arbitrary<String> cjkNames() {
        Arbitrary<String> ideographs = Arbitraries.strings().withCharRange('\u4E00', '\u9FFF')
                .withCharRange('\uF900', '\uFAFF').withCharRange('\u3400', '\u4DBF').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> vocabulary = Arbitraries.of("深圳市", "（深圳）", "(北京)", "【上海】", "广东省", "中国", "華為", "技術",
                "有限公司", "有限責任公司", "股份有限公司", "集團", "分公司", "深圳分公司", "办事处", "银行", "支行", "科技", "信息技术",
                "Co., Ltd.", "Inc", "GmbH", "(", ")", "（", "）", "<", "》", " ", "·", "&", "ⅷ", "㍿", "ＡＢＣ");
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(2, ideographs), Tuple.of(3, vocabulary),
                Tuple.of(1, Arbitraries.strings().withChars(FuzzStrings.EMOJI_AND_SURROGATES + FuzzStrings.FORMAT
                        + FuzzStrings.SPACES).ofMinLength(1).ofMaxLength(2)));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    private static String firstCodePoints(String text, int max) {
        return codePoints(text) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        text.chars().limit(200).forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.append(text.length() > 200 ? "…\"" : "\"").toString();
    }
}
