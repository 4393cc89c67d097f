package io.baobei.registration;

import java.util.HashMap;
import java.util.Map;

import io.baobei.common.InvalidInputException;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * A registration as submitted, before validation: from the Tasklist form (process variables) or from
 * {@code POST /api/registrations} (JSON). All values are text, exactly as typed.
 */
public record RegistrationForm(String companyName, String creditCode, String contactName, String phone,
                               String email, String industry, String region, String grade,
                               String firstContactDate, String notes) {

    /**
     * Reads the form fields from process variables; numbers and dates count as (possibly invalid) text, while a
     * byte array or an object is refused: its {@code toString()} ("[B@7d27da7") is nothing anybody typed.
     */
    public static RegistrationForm fromVariables(Map<String, Object> variables) {
        return new RegistrationForm(text(variables, COMPANY_NAME), text(variables, CREDIT_CODE),
                text(variables, CONTACT_NAME), text(variables, PHONE), text(variables, EMAIL),
                text(variables, INDUSTRY), text(variables, REGION), text(variables, GRADE),
                text(variables, FIRST_CONTACT_DATE), text(variables, NOTES));
    }

    /** The same fields as process variables, as the Tasklist start form submits them. */
    public Map<String, Object> toVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(COMPANY_NAME, companyName);
        variables.put(CREDIT_CODE, creditCode);
        variables.put(CONTACT_NAME, contactName);
        variables.put(PHONE, phone);
        variables.put(EMAIL, email);
        variables.put(INDUSTRY, industry);
        variables.put(REGION, region);
        variables.put(GRADE, grade);
        variables.put(FIRST_CONTACT_DATE, firstContactDate);
        variables.put(NOTES, notes);
        return variables;
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof java.util.Date) {
            return value.toString();
        }
        throw InvalidInputException.of(name, "该字段只接受文字");
    }
}
