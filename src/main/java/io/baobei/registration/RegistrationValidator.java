package io.baobei.registration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.TextRules;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.CreditCodes;
import io.baobei.dedup.PhoneNumbers;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * The server-side rules of a registration. The forms validate in the browser too, but only this
 * decides: the Tasklist path, the REST API and the revision loop all pass through here.
 */
@Component
public class RegistrationValidator {

    static final int MAX_COMPANY_NAME = 100;
    static final int MAX_CONTACT_NAME = 50;
    static final int MAX_REGION = 50;
    static final int MAX_EMAIL = 100;
    static final int MAX_NOTES = 2000;
    /** a first contact further back than this is a typo, not a prospect */
    static final int MAX_FIRST_CONTACT_AGE_DAYS = 366;

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

    private final Clock clock;

    public RegistrationValidator(Clock clock) {
        this.clock = clock;
    }

    /** A new registration: every required field must be there. */
    public ValidRegistration validateNew(RegistrationForm form) {
        return validate(form, true);
    }

    /**
     * A revision: contact name and phone left empty keep their earlier value; an email sent empty is removed, one not
     * sent at all is kept.
     */
    public ValidRegistration validateRevision(RegistrationForm form) {
        return validate(form, false);
    }

    private ValidRegistration validate(RegistrationForm form, boolean contactRequired) {
        List<FieldError> errors = new ArrayList<>();

        String companyName = text(form.companyName(), COMPANY_NAME, "公司名称", true, MAX_COMPANY_NAME, errors);
        String normalizedName = null;
        if (companyName != null) {
            normalizedName = CompanyNames.normalize(companyName);
            if (normalizedName.length() < 2) {
                errors.add(new FieldError(COMPANY_NAME, "公司名称至少需要两个有效字符"));
            } else if (normalizedName.length() > CompanyNames.MAX_NORMALIZED_LENGTH) {
                // compatibility characters (㍿ → 株式会社) can make the folded name much longer than the typed one
                errors.add(new FieldError(COMPANY_NAME, "公司名称过长"));
            }
        }

        String creditCode = CreditCodes.normalize(form.creditCode());
        if (creditCode != null && !CreditCodes.isValid(creditCode)) {
            errors.add(new FieldError(CREDIT_CODE, "统一社会信用代码不正确：应为18位数字或大写字母，且校验位正确"));
        }

        String contactName = text(form.contactName(), CONTACT_NAME, "联系人", contactRequired, MAX_CONTACT_NAME, errors);

        String phone = null;
        String rawPhone = blankToNull(form.phone());
        if (rawPhone == null) {
            if (contactRequired) {
                errors.add(new FieldError(PHONE, "请填写联系电话"));
            }
        } else {
            phone = PhoneNumbers.normalize(rawPhone);
            if (phone == null) {
                errors.add(new FieldError(PHONE, "联系电话格式不正确：应为11位手机号或带区号的固定电话，如 13800138000 或 020-88889999"));
            }
        }

        String email = blankToNull(form.email());
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
            if (email.length() > MAX_EMAIL || !EMAIL_PATTERN.matcher(email).matches()) {
                errors.add(new FieldError(EMAIL, "邮箱格式不正确，如 name@example.com"));
            }
        } else if (contactRequired || form.email() != null) {
            // "" clears the email: a new registration without one, or a revision whose form (which shows the email
            // entered before) was emptied; a revision sent without the field (null) keeps it
            email = "";
        }

        Industry industry = null;
        String rawIndustry = blankToNull(form.industry());
        if (rawIndustry == null) {
            errors.add(new FieldError(INDUSTRY, "请选择所属行业"));
        } else {
            try {
                industry = Industry.valueOf(rawIndustry);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(INDUSTRY, "所属行业不在可选范围内"));
            }
        }

        String region = text(form.region(), REGION, "所在地区", true, MAX_REGION, errors);

        Grade grade = null;
        String rawGrade = blankToNull(form.grade());
        if (rawGrade == null) {
            errors.add(new FieldError(GRADE, "请选择意向等级"));
        } else {
            try {
                grade = Grade.valueOf(rawGrade.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(GRADE, "意向等级应为 A、B、C 或 D"));
            }
        }

        LocalDate firstContact = null;
        String rawDate = blankToNull(form.firstContactDate());
        if (rawDate == null) {
            errors.add(new FieldError(FIRST_CONTACT_DATE, "请填写首次接触日期"));
        } else {
            try {
                firstContact = TextRules.parseDay(rawDate);
                LocalDate today = LocalDate.now(clock);
                if (firstContact.isAfter(today)) {
                    errors.add(new FieldError(FIRST_CONTACT_DATE, "首次接触日期不能晚于今天"));
                } else if (firstContact.isBefore(today.minusDays(MAX_FIRST_CONTACT_AGE_DAYS))) {
                    errors.add(new FieldError(FIRST_CONTACT_DATE, "首次接触日期不能早于一年前"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(FIRST_CONTACT_DATE, "首次接触日期格式不正确，应为 YYYY-MM-DD"));
            }
        }

        String notes = text(form.notes(), NOTES, "需求/备注", false, MAX_NOTES, errors);

        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ValidRegistration(companyName, normalizedName, creditCode, contactName, phone, email,
                industry, region, grade, firstContact, notes);
    }

    private static String text(String value, String field, String label, boolean required, int max,
                               List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            if (required) {
                errors.add(new FieldError(field, "请填写" + label));
            }
            return null;
        }
        return TextRules.check(field, label, v, max, errors) ? v : null;
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
