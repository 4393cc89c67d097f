package io.baobei.dedup;

import java.util.regex.Pattern;

/**
 * Mainland China phone numbers in one canonical form: mobiles as 11 digits ({@code 13800138000}),
 * landlines as area code + number ({@code 02088889999}), so {@code +86 138-0013-8000} and
 * {@code 13800138000} are the same key.
 */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()（）.]");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("(010|02\\d)[2-9]\\d{7}|0[3-9]\\d{2}[2-9]\\d{6,7}");

    private PhoneNumbers() {
    }

    /** The canonical form, or null when the value is not a mainland mobile or landline number. */
    public static String normalize(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = SEPARATORS.matcher(phone.strip()).replaceAll("");
        boolean international = true;
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        } else {
            international = false;
        }
        if (MOBILE.matcher(digits).matches()) {
            return digits;
        }
        if (international && !digits.startsWith("0") && LANDLINE.matcher("0" + digits).matches()) {
            digits = "0" + digits; // +86 20 8888 9999: the trunk 0 is dropped after the country code
        }
        return LANDLINE.matcher(digits).matches() ? digits : null;
    }
}
