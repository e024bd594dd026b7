package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.requiredText;

import java.time.LocalDate;

/**
 * The patient. {@code id} is a pseudonymous identifier chosen by the host (never logged above TRACE); give
 * {@code birthDate} or {@code ageYears} (or both, when they agree with {@code asOf} the context checks it).
 *
 * @param id pseudonymous patient identifier, required
 * @param birthDate date of birth, optional
 * @param ageYears age in whole years at {@code asOf}, 0 to 130, optional
 * @param sex administrative sex, optional (absent = unknown)
 * @param weightKg body weight in kilograms, 0.5 to 500, optional (needed for mg/kg doses)
 * @param pregnancy pregnancy status, absent = unknown
 * @param lactation breastfeeding status, absent = unknown
 * @since 0.1.0
 */
public record Patient(
        String id,
        LocalDate birthDate,
        Integer ageYears,
        Sex sex,
        Double weightKg,
        PregnancyStatus pregnancy,
        LactationStatus lactation) {

    public Patient {
        requiredText("id", id);
        range("ageYears", ageYears, 0, 130, "years");
        range("weightKg", weightKg, 0.5, 500, "kg");
        if (birthDate != null && birthDate.getYear() < 1880) {
            throw new InvalidFactException("birthDate", "must be after 1880, was " + birthDate);
        }
        sex = sex == null ? Sex.UNKNOWN : sex;
        pregnancy = pregnancy == null ? PregnancyStatus.UNKNOWN : pregnancy;
        lactation = lactation == null ? LactationStatus.UNKNOWN : lactation;
    }

    /** A patient known only by a pseudonymous id. */
    public static Patient of(String id) {
        return new Patient(id, null, null, null, null, null, null);
    }

    /** Age in whole years at {@code date}: from {@code birthDate} if known, else {@code ageYears}, else null. */
    public Integer ageAt(LocalDate date) {
        if (birthDate != null) {
            return java.time.Period.between(birthDate, date).getYears();
        }
        return ageYears;
    }
}
