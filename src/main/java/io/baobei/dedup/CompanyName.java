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
     * The blocking keys under which this name is indexed and searched: core, trade, and the trade's
     * one-edit neighbourhood (each character replaced by a wildcard; each character deleted for longer
     * trade names). Two names whose trade names differ by one typo share at least one key, while a
     * check reads only the few customers under its keys. Chinese has no spaces and trade names are
     * invented words of two to four characters, so a word segmenter has nothing to hold on to; this
     * edit neighbourhood works on characters and needs no dictionary.
     */
    public Set<String> blockingKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key("c:", core));
        keys.add(key("t:", trade));
        // by code point, not char: a split surrogate pair would turn into '?' in the database
        int[] chars = trade.codePoints().toArray();
        int length = chars.length;
        if (length >= 2 && length <= 12) {
            for (int i = 0; i < length; i++) {
                keys.add(key("w:", new String(chars, 0, i) + '?' + new String(chars, i + 1, length - i - 1)));
                if (length >= 3) {
                    keys.add(key("t:", new String(chars, 0, i) + new String(chars, i + 1, length - i - 1)));
                }
            }
        }
        return keys;
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
