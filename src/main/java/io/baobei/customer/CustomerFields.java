package io.baobei.customer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.baobei.common.Choices;
import io.baobei.common.FieldError;
import io.baobei.common.Labelled;
import io.baobei.common.TextRules;
import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.CreditCodes;
import io.baobei.dedup.PhoneNumbers;

/**
 * One definition per field of a customer as people type it (公司名称, 统一社会信用代码, 联系人, 联系电话, 邮箱, 所属行业, 所在地区,
 * 意向等级, 首次接触日期, 需求/备注): its key, its name in messages, its limit, its format and its Chinese refusals. Every
 * path reads these fields through here: the registration forms and {@code POST /api/registrations}
 * ({@code registration.RegistrationValidator}), the duplicate check ({@code POST /api/duplicates/check}) and the import.
 * The Camunda forms ({@code forms/registration-start.form}, {@code registration-revise.form}) repeat the limits for the
 * browser; {@code FormFieldRulesTest} keeps them equal to these. They live beside {@link Industry} and {@link Grade}
 * because they are the customer's fields, whichever way they arrive.
 */
public final class CustomerFields {

    /**
     * The e-mail addresses accepted; the forms' {@code validate.pattern} is this text. Blanks around it are allowed:
     * the browser tests the value as typed, the server after stripping it.
     */
    public static final String EMAIL_PATTERN = "^\\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\s*$";
    private static final Pattern EMAIL_REGEX = Pattern.compile(EMAIL_PATTERN);
    /** a first contact further back than this is a typo, not a prospect */
    public static final int MAX_FIRST_CONTACT_AGE_DAYS = 366;

    private static final String COMPANY_NAME_TOO_SHORT = "公司名称至少需要两个有效字符";
    private static final String EMAIL_MALFORMED = "邮箱格式不正确，如 name@example.com";

    /** At least two characters that count (not punctuation or blanks: {@link CompanyNames#normalize}). */
    public static final Field<String> COMPANY_NAME = new Field<>("companyName", "公司名称", 2, 100, null,
            COMPANY_NAME_TOO_SHORT, true, (name, refuse) -> {
                String normalized = CompanyNames.normalize(name);
                if (normalized.length() < 2) {
                    refuse.accept(COMPANY_NAME_TOO_SHORT);
                } else if (normalized.length() > CompanyNames.MAX_NORMALIZED_LENGTH) {
                    // compatibility characters (㍿ → 株式会社) can make the folded name much longer than the typed one
                    refuse.accept("公司名称过长");
                }
                return name;
            });

    /** 18 characters; the limit leaves room for blanks typed between groups. Normalised (upper case, no blanks). */
    public static final Field<String> CREDIT_CODE = new Field<>("creditCode", "统一社会信用代码", 0, 25, null, null, false,
            (code, refuse) -> {
                String normalized = CreditCodes.normalize(code);
                if (!CreditCodes.isValid(normalized)) {
                    refuse.accept("统一社会信用代码不正确：应为18位数字或大写字母，且校验位正确");
                }
                return normalized;
            });

    public static final Field<String> CONTACT_NAME = plainText("contactName", "联系人", 50, true);

    /** A mainland mobile or landline, normalised to its digits ({@link PhoneNumbers}). */
    public static final Field<String> PHONE = new Field<>("phone", "联系电话", 0, 30, null, null, true,
            (phone, refuse) -> {
                String normalized = PhoneNumbers.normalize(phone);
                if (normalized == null) {
                    refuse.accept("联系电话格式不正确：应为11位手机号或带区号的固定电话，如 13800138000 或 020-88889999");
                }
                return normalized;
            });

    /** Lower case. */
    public static final Field<String> EMAIL = new Field<>("email", "邮箱", 0, 100, EMAIL_PATTERN, EMAIL_MALFORMED, false,
            (email, refuse) -> {
                String lower = email.toLowerCase(Locale.ROOT);
                if (!EMAIL_REGEX.matcher(lower).matches()) {
                    refuse.accept(EMAIL_MALFORMED);
                }
                return lower;
            });

    /** The code ({@code IT}) or the label ({@code 信息技术/互联网}), as the form's options show them. */
    public static final Choice<Industry> INDUSTRY = new Choice<>("industry", "所属行业", Industry.class,
            "所属行业不在可选范围内");

    public static final Field<String> REGION = plainText("region", "所在地区", 50, true);

    /** The letter in any case, or the label as the form shows it. */
    public static final Choice<Grade> GRADE = new Choice<>("grade", "意向等级", Grade.class, "意向等级应为 A、B、C 或 D");

    public static final Day FIRST_CONTACT_DATE = new Day("firstContactDate", "首次接触日期");

    public static final Field<String> NOTES = plainText("notes", "需求/备注", 2000, false);

    /** Every field. */
    public static final List<Rule> ALL = List.of(COMPANY_NAME, CREDIT_CODE, CONTACT_NAME, PHONE, EMAIL, INDUSTRY,
            REGION, GRADE, FIRST_CONTACT_DATE, NOTES);

    private CustomerFields() {
    }

    /** A text with a limit and no format of its own: kept as typed (stripped). */
    private static Field<String> plainText(String key, String label, int maxLength, boolean required) {
        return new Field<>(key, label, 0, maxLength, null, null, required, (value, refuse) -> value);
    }

    /**
     * What every field has: its key (the form field, the JSON property and the import column), its name in messages,
     * its length in characters (0: no limit of its own, the format decides), the pattern a browser can test (or null)
     * and whether a registration needs it.
     */
    public abstract static class Rule {

        private final String key;
        private final String label;
        private final int minLength;
        private final int maxLength;
        private final String pattern;
        private final String formatMessage;
        private final boolean required;

        Rule(String key, String label, int minLength, int maxLength, String pattern, String formatMessage,
             boolean required) {
            this.key = key;
            this.label = label;
            this.minLength = minLength;
            this.maxLength = maxLength;
            this.pattern = pattern;
            this.formatMessage = formatMessage;
            this.required = required;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        /** The least length a browser can check; the format may be stricter (the company name counts only what matters). */
        public int minLength() {
            return minLength;
        }

        public int maxLength() {
            return maxLength;
        }

        /** A regular expression valid in Java and JavaScript that every accepted value matches, or null. */
        public String pattern() {
            return pattern;
        }

        /** Whether a new registration needs the field (the import and the duplicate check need only the company name). */
        public boolean required() {
            return required;
        }

        /** The refusal of an empty required field. */
        public String missingMessage() {
            return "请填写" + label;
        }

        /**
         * What the server says for each check a browser makes ({@code required}, {@code minLength}, {@code maxLength},
         * {@code pattern}: the names of the forms' {@code validate} attributes), so that the form says the same.
         */
        public Map<String, String> browserMessages() {
            Map<String, String> messages = new LinkedHashMap<>();
            if (required) {
                messages.put("required", missingMessage());
            }
            if (minLength > 0) {
                messages.put("minLength", formatMessage);
            }
            if (maxLength > 0) {
                messages.put("maxLength", TextRules.tooLongMessage(label, maxLength));
            }
            if (pattern != null) {
                messages.put("pattern", formatMessage);
            }
            return messages;
        }

        /**
         * The value typed, stripped; null for blank (refused when {@code required}), or after a refusal of the length or
         * of control characters.
         */
        String text(String raw, boolean required, List<FieldError> errors) {
            String value = raw == null ? null : raw.strip();
            if (value == null || value.isEmpty()) {
                if (required) {
                    errors.add(new FieldError(key, missingMessage()));
                }
                return null;
            }
            if (maxLength > 0 && !TextRules.check(key, label, value, maxLength, errors)) {
                return null;
            }
            return value;
        }

        /** Runs {@code format} on a present value; null if it refused. */
        <T> T format(String value, Format<T> format, List<FieldError> errors) {
            if (value == null) {
                return null;
            }
            int before = errors.size();
            T result = format.apply(value, message -> errors.add(new FieldError(key, message)));
            return errors.size() == before ? result : null;
        }
    }

    /** Checks and canonicalises a present, stripped value within its length; refuses through the consumer. */
    @FunctionalInterface
    public interface Format<T> {
        T apply(String value, Consumer<String> refuse);
    }

    /** A typed text with a maximum length and a format. */
    public static final class Field<T> extends Rule {

        private final Format<T> format;

        Field(String key, String label, int minLength, int maxLength, String pattern, String formatMessage,
              boolean required, Format<T> format) {
            super(key, label, minLength, maxLength, pattern, formatMessage, required);
            this.format = format;
        }

        /**
         * The canonical value, or null when blank or refused; refusals (Chinese, naming {@link #key()}) are added to
         * {@code errors}.
         */
        public T read(String raw, boolean required, List<FieldError> errors) {
            return format(text(raw, required, errors), format, errors);
        }
    }

    /** One of the options of an enum, by code or label ({@link Choices}). */
    public static final class Choice<E extends Enum<E> & Labelled> extends Rule {

        private final Class<E> type;
        private final String notAnOption;

        Choice(String key, String label, Class<E> type, String notAnOption) {
            super(key, label, 0, 0, null, null, true);
            this.type = type;
            this.notAnOption = notAnOption;
        }

        public Class<E> type() {
            return type;
        }

        @Override
        public String missingMessage() {
            return "请选择" + label();
        }

        public E read(String raw, boolean required, List<FieldError> errors) {
            return format(text(raw, required, errors), (value, refuse) -> {
                E choice = Choices.parse(type, value);
                if (choice == null) {
                    refuse.accept(notAnOption);
                }
                return choice;
            }, errors);
        }
    }

    /** A calendar day ({@link TextRules#parseDay}) within the last {@link #MAX_FIRST_CONTACT_AGE_DAYS} days. */
    public static final class Day extends Rule {

        Day(String key, String label) {
            super(key, label, 0, 0, null, null, true);
        }

        public LocalDate read(String raw, boolean required, LocalDate today, List<FieldError> errors) {
            return format(text(raw, required, errors), (value, refuse) -> {
                LocalDate day;
                try {
                    day = TextRules.parseDay(value);
                } catch (DateTimeParseException e) {
                    refuse.accept(label() + "格式不正确，应为 YYYY-MM-DD");
                    return null;
                }
                if (day.isAfter(today)) {
                    refuse.accept(label() + "不能晚于今天");
                } else if (day.isBefore(today.minusDays(MAX_FIRST_CONTACT_AGE_DAYS))) {
                    refuse.accept(label() + "不能早于一年前");
                }
                return day;
            }, errors);
        }
    }
}
