package io.baobei.registration;

import java.time.LocalDate;

import io.baobei.customer.Grade;
import io.baobei.customer.Industry;

/**
 * A registration that passed every rule, in canonical form (trimmed, phone and credit code normalised).
 * On a revision the contact fields may be null, meaning "unchanged"; an empty email means "remove".
 */
public record ValidRegistration(String companyName, String normalizedName, String creditCode,
                                String contactName, String phone, String email, Industry industry,
                                String region, Grade grade, LocalDate firstContactDate, String notes) {
}
