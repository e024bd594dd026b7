package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.required;

import java.time.LocalDate;

/**
 * Therapy, counselling, integration or support the patient takes part in.
 *
 * @param type kind of support, required
 * @param start when it started, optional
 * @param lastContact the most recent contact, optional
 * @param ongoing whether it continues; absent = false
 * @since 0.1.0
 */
public record TherapyEngagement(TherapyType type, LocalDate start, LocalDate lastContact, Boolean ongoing) {
    public TherapyEngagement {
        required("type", type);
        ongoing = ongoing != null && ongoing;
        if (start != null && lastContact != null && lastContact.isBefore(start)) {
            throw new InvalidFactException(
                    "lastContact", "must not be before start (" + start + "), was " + lastContact);
        }
    }
}
