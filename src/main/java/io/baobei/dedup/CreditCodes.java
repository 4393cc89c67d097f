package io.baobei.dedup;

import java.text.Normalizer;
import java.util.Locale;

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character. */
public final class CreditCodes {

    /** The 31 characters the standard allows (no I, O, Z, S, V), in the order of their values. */
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** Upper case without surrounding or inner blanks; null for an empty value. */
    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        // NFKC turns full-width letters, digits and spaces (as typed with a Chinese IME) into ASCII; repeated
        // until stable, since removing spaces or upper-casing can make new compositions
        String compact = code;
        for (int i = 0; i < 4; i++) {
            String again = Normalizer.normalize(compact, Normalizer.Form.NFKC)
                    .replaceAll("[\\s\\p{Z}]+", "").toUpperCase(Locale.ROOT);
            if (again.equals(compact)) {
                break;
            }
            compact = again;
        }
        return compact.isEmpty() ? null : compact;
    }

    /** True when the (normalised) code has the right form and check character. */
    public static boolean isValid(String normalized) {
        if (normalized == null || normalized.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(normalized.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return normalized.charAt(17) == CHARSET.charAt(check);
    }

    /** The check character for the first 17 characters; used to make valid codes in tests and demo data. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }
}
