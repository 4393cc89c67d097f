package io.baobei.dedup;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A company name taken apart for matching.
 *
 * @param full   the whole name folded (NFKC, simplified characters, lower case, no spaces or punctuation)
 * @param core   the name without region words and legal form (深圳市腾达科技有限公司 → 腾达科技)
 * @param trade  the core without trailing industry words (腾达科技 → 腾达): what makes the name distinctive
 * @param region the most specific region stated (administrative division code), or null
 * @param branch whether the name is a branch (分公司, 分行, 办事处, 研究所 … after the company's name)
 * @param group  whether the legal form says 集团: a group and a company of the same core name (中国石油天然气集团
 *               有限公司 / 中国石油天然气股份有限公司) are different legal entities
 */
public record CompanyName(String full, String core, String trade, String region, boolean branch, boolean group) {

    /**
     * Whether one substitution, insertion or deletion of a character (as typed: a code point, so a rare character
     * outside the BMP counts once) turns this whole name into {@code other}'s: a typo of the same name.
     */
    public boolean withinOneEditOf(CompanyName other) {
        int[] x = full.codePoints().toArray();
        int[] y = other.full.codePoints().toArray();
        if (Math.abs(x.length - y.length) > 1) {
            return false;
        }
        int start = 0;
        while (start < x.length && start < y.length && x[start] == y[start]) {
            start++;
        }
        int endX = x.length;
        int endY = y.length;
        while (endX > start && endY > start && x[endX - 1] == y[endY - 1]) {
            endX--;
            endY--;
        }
        return endX - start <= 1 && endY - start <= 1;
    }

    /** What the core says after the trade name: its industry words (腾达科技 → 科技), or "" when there are none. */
    public String industry() {
        return core.startsWith(trade) ? core.substring(trade.length()) : "";
    }

    /**
     * The blocking keys under which this name is indexed and searched. Two names share a key when the rules
     * could match them:
     * <ul>
     * <li>{@code c:} the core (same company, maybe another region, legal form or branch);</li>
     * <li>{@code t:} the trade name (the same brand in another industry or group role: 美的集团 / 美的置业);</li>
     * <li>{@code p:} the core's pinyin: 同音字 typos (华汇科技 / 华惠科技, also in an industry word: 三一重工 / 三一重功),
     * one key per reading of polyphonic characters, at most four;</li>
     * <li>{@code f:} the core with each character replaced by its 形近 group: 形近字 typos (未来电视 / 末来电视);</li>
     * <li>{@code d:} for trade names of three or more characters, the trade name itself and, from four characters
     * on, each one-character deletion, with the industry words: any one-character typo of a long trade name.</li>
     * </ul>
     * Typos are searched only within the same industry words because the rules accept a typo only when the rest
     * of the name agrees; that keeps each key's list of customers short (no key shared by every name with a 华).
     * Chinese has no spaces and trade names are invented words of two to four characters, so a word segmenter
     * has nothing to hold on to; these keys work on characters and need no dictionary.
     */
    public Set<String> blockingKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key("c:", core));
        keys.add(tradeKey(trade));
        // by code point, not char: a split surrogate pair would turn into '?' in the database
        int[] chars = trade.codePoints().toArray();
        int length = chars.length;
        if (length < 2 || length > 12) {
            return keys;
        }
        String industry = "/" + industry();
        if (core.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            for (String spelling : Confusables.spellings(core, 4)) {
                keys.add(key("p:", spelling));
            }
        }
        if (core.codePoints().anyMatch(Confusables::hasShapeClass)) {
            keys.add(key("f:", Confusables.shapeSkeleton(core)));
        }
        if (length >= 3) {
            keys.add(key("d:", trade + industry));
        }
        if (length >= 4) {
            for (int i = 0; i < length; i++) {
                keys.add(key("d:", new String(chars, 0, i) + new String(chars, i + 1, length - i - 1) + industry));
            }
        }
        return keys;
    }

    /** The key of the exact trade name, under which the customers sharing it are counted. */
    public static String tradeKey(String trade) {
        return key("t:", trade);
    }

    /** Keys fit their column (120 characters); a longer name is cut, which only widens its block. */
    private static String key(String kind, String value) {
        String key = kind + value;
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        int end = MAX_KEY_LENGTH;
        if (Character.isHighSurrogate(key.charAt(end - 1))) {
            end--;
        }
        return key.substring(0, end);
    }

    static final int MAX_KEY_LENGTH = 120;
}
