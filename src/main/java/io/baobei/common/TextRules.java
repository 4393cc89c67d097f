package io.baobei.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules every typed value shares, whichever way it arrives (REST, Tasklist forms, import files), so that the
 * paths cannot drift apart.
 */
public final class TextRules {

    /** control characters (but line breaks and tabs), unpaired surrogates, bidirectional overrides */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069&&[^\\n\\r\\t]]");
    /** "2026-11-25T08:00:00.000+08:00" and the like; a longer value is not a date but something else */
    private static final int MAX_TIMESTAMP_LENGTH = 35;

    private TextRules() {
    }

    /** A value from a form or a JSON body as text: stripped, or null when it is absent or blank. */
    public static String stripped(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /**
     * True for characters nobody types on purpose: they hide text (bidi overrides), break CSV exports and
     * terminals, and PostgreSQL refuses U+0000 in text columns.
     */
    public static boolean hasControlCharacters(String value) {
        return value != null && CONTROL.matcher(value).find();
    }

    /** {@code value} with each control character replaced by U+FFFD, for echoing refused input in reports. */
    public static String replaceControlCharacters(String value) {
        return value == null ? null : CONTROL.matcher(value).replaceAll("\uFFFD");
    }

    /**
     * Checks a stripped, non-blank text: at most {@code max} characters (code points) and no control
     * characters. Adds the refusal to {@code errors} and returns false, or returns true.
     */
    public static boolean check(String field, String label, String value, int max, List<FieldError> errors) {
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, tooLongMessage(label, max)));
            return false;
        }
        if (hasControlCharacters(value)) {
            errors.add(new FieldError(field, label + "包含不可见的控制字符"));
            return false;
        }
        return true;
    }

    /** The refusal of a text over its limit, e.g. "公司名称不能超过 100 个字符". */
    public static String tooLongMessage(String label, int max) {
        return label + "不能超过 " + max + " 个字符";
    }

    /**
     * A calendar day as forms and clients send it: {@code YYYY-MM-DD}, or an ISO timestamp starting with it
     * (date pickers send either). Anything else, including a date followed by arbitrary text, is refused
     * rather than cut to its first ten characters.
     */
    public static LocalDate parseDay(String text) {
        String value = text.strip();
        if (value.length() > 10 && (value.length() > MAX_TIMESTAMP_LENGTH || value.charAt(10) != 'T')) {
            throw new DateTimeParseException("not a day", value.length() > 40 ? value.substring(0, 40) : value, 10);
        }
        return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    }
}
