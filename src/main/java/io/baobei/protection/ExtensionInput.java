package io.baobei.protection;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.TextRules;

/**
 * What an owner asks for with 申请延期: whole days and a reason. The one definition of both fields, read by the
 * follow-up form's check (Task_CheckFollowUp) and by {@code POST /api/customers/{id}/extension}
 * (extension.ExtensionService); the follow-up form's limits are checked against it (FormFieldRulesTest).
 * ExtensionPolicy.dmn may allow fewer days; more than {@link #MAX_DAYS} is never meant.
 */
public record ExtensionInput(int days, String reason) {

    public static final int MAX_DAYS = 90;
    public static final int MAX_REASON = 500;

    /** Reads both fields, or throws with every refused one, named {@code daysField} and {@code reasonField}. */
    public static ExtensionInput read(Object daysValue, Object reasonValue, String daysField, String reasonField) {
        List<FieldError> errors = new ArrayList<>();
        int days = 0;
        String daysText = TextRules.stripped(daysValue);
        if (daysText == null) {
            errors.add(new FieldError(daysField, "请填写申请延期天数"));
        } else {
            try {
                // intValueExact refuses a fraction (1.5) and accepts a whole number however written (15.0, 1.5E1)
                days = new BigDecimal(daysText).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                days = -1;
            }
            if (days < 1 || days > MAX_DAYS) {
                errors.add(new FieldError(daysField, "申请延期天数应为 1 到 " + MAX_DAYS + " 之间的整数"));
            }
        }
        String reason = TextRules.stripped(reasonValue);
        if (reason == null) {
            errors.add(new FieldError(reasonField, "请填写申请延期的原因"));
        } else {
            TextRules.check(reasonField, "申请延期的原因", reason, MAX_REASON, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ExtensionInput(days, reason);
    }
}
