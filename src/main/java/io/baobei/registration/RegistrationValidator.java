package io.baobei.registration;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.dedup.CompanyNames;

import static io.baobei.customer.CustomerFields.*;

/**
 * The server-side rules of a registration. The forms validate in the browser too, but only this decides: the Tasklist
 * path, the REST API and the revision loop all pass through here. Each field's rule is its definition in
 * {@link CustomerFields}, shared with the duplicate check and the import; this class says which fields a registration
 * needs and what an empty field means on a revision.
 */
@Component
public class RegistrationValidator {

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

        String companyName = COMPANY_NAME.read(form.companyName(), COMPANY_NAME.required(), errors);
        String normalizedName = companyName == null ? null : CompanyNames.normalize(companyName);
        String creditCode = CREDIT_CODE.read(form.creditCode(), CREDIT_CODE.required(), errors);
        String contactName = CONTACT_NAME.read(form.contactName(), contactRequired && CONTACT_NAME.required(), errors);
        String phone = PHONE.read(form.phone(), contactRequired && PHONE.required(), errors);
        String email = EMAIL.read(form.email(), EMAIL.required(), errors);
        if (email == null && (form.email() == null ? contactRequired : form.email().isBlank())) {
            // "" clears the email: a new registration without one, or a revision whose form (which shows the email
            // entered before) was emptied; a revision sent without the field (null) keeps it
            email = "";
        }
        Industry industry = INDUSTRY.read(form.industry(), INDUSTRY.required(), errors);
        String region = REGION.read(form.region(), REGION.required(), errors);
        Grade grade = GRADE.read(form.grade(), GRADE.required(), errors);
        LocalDate firstContact = FIRST_CONTACT_DATE.read(form.firstContactDate(), FIRST_CONTACT_DATE.required(),
                LocalDate.now(clock), errors);
        String notes = NOTES.read(form.notes(), NOTES.required(), errors);

        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ValidRegistration(companyName, normalizedName, creditCode, contactName, phone, email,
                industry, region, grade, firstContact, notes);
    }
}
