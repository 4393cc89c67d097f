package io.baobei.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.baobei.common.FieldError;
import io.baobei.common.TextRules;

/**
 * 成交: the deal a won customer was closed with, 成交金额 in yuan and 签约日期. Holds the one definition of its rule,
 * used by the follow-up form's check (in the form's transaction) and by {@link OwnershipService#convert}.
 */
public record Deal(BigDecimal amount, LocalDate signedOn) {

    /** field names of the deal in forms and requests */
    public static final String AMOUNT = "dealAmount";
    public static final String SIGNED_ON = "dealSignedOn";

    /** larger than any deal a sales team records by hand; also the column's numeric(14,2) range */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    public Deal {
        if (amount == null || signedOn == null) {
            throw new IllegalArgumentException("a deal has an amount and a signing date");
        }
    }

    /** The amount as the customer API and the audit show it: yuan with two decimals, "12345.60". */
    public String amountText() {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * Checks the deal as submitted: the amount a number of yuan greater than 0 with at most two decimals, the
     * signing date a day not after {@code today} and not before {@code protectionStart} (the day the current
     * protection began; null: not checked). Adds each refusal under its field name ({@link #AMOUNT},
     * {@link #SIGNED_ON}) and returns null, or returns the deal.
     */
    public static Deal check(Object rawAmount, Object rawSignedOn, LocalDate today, LocalDate protectionStart,
                             List<FieldError> errors) {
        BigDecimal amount = amount(rawAmount, AMOUNT, errors);
        LocalDate signedOn = null;
        if (rawSignedOn == null || rawSignedOn.toString().isBlank()) {
            errors.add(new FieldError(SIGNED_ON, "请填写签约日期"));
        } else {
            try {
                signedOn = TextRules.parseDay(rawSignedOn.toString());
                if (signedOn.isAfter(today)) {
                    errors.add(new FieldError(SIGNED_ON, "签约日期不能晚于今天"));
                    signedOn = null;
                } else if (protectionStart != null && signedOn.isBefore(protectionStart)) {
                    errors.add(new FieldError(SIGNED_ON, "签约日期不能早于保护期开始日期 " + protectionStart));
                    signedOn = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(SIGNED_ON, "签约日期格式不正确，应为 YYYY-MM-DD"));
            }
        }
        return amount == null || signedOn == null ? null : new Deal(amount, signedOn);
    }

    private static BigDecimal amount(Object raw, String field, List<FieldError> errors) {
        if (raw == null || raw.toString().isBlank()) {
            errors.add(new FieldError(field, "请填写成交金额"));
            return null;
        }
        BigDecimal amount;
        if (raw instanceof BigDecimal decimal) {
            amount = decimal;
        } else if (raw instanceof Number || raw instanceof CharSequence) {
            // a number field may submit a Double: its shortest decimal text is what the user typed (12345.67)
            String text = raw.toString().strip().replace(",", "").replace("，", "");
            if (text.length() > 40) {
                errors.add(new FieldError(field, "成交金额应为以元为单位的数字，如 128000.00"));
                return null;
            }
            try {
                amount = new BigDecimal(text);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(field, "成交金额应为以元为单位的数字，如 128000.00"));
                return null;
            }
        } else {
            errors.add(new FieldError(field, "成交金额应为以元为单位的数字，如 128000.00"));
            return null;
        }
        if (amount.signum() <= 0) {
            errors.add(new FieldError(field, "成交金额必须大于 0"));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "成交金额最多保留两位小数（分）"));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError(field, "成交金额不能超过 " + MAX_AMOUNT.toPlainString() + " 元"));
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
