package io.baobei.dedup;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalised company names: the key under which two spellings of one company meet.
 * This is the foundation's normaliser (NFKC, case, whitespace and punctuation); the full matcher
 * (regions, legal-form suffixes, traditional characters) replaces it behind the same method.
 */
public final class CompanyNames {

    private CompanyNames() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> Character.isLetterOrDigit(cp))
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
