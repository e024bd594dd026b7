package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.atLeastOne;
import static org.ketaminecds.fact.Checks.optionalText;

import java.time.LocalDate;

/**
 * A recorded allergy or intolerance (FHIR {@code AllergyIntolerance}).
 *
 * @param code substance coding (e.g. RxNorm ingredient), optional if {@code substance} is given
 * @param substance the substance as entered, optional if {@code code} is given
 * @param recordedOn when it was recorded, optional
 * @param type allergy or intolerance; null when the record does not say (read as a possible allergy)
 * @since 0.1.0
 */
public record Allergy(Coding code, String substance, LocalDate recordedOn, AllergyType type) {
    public Allergy {
        atLeastOne("code, substance", code, substance);
        optionalText("substance", substance);
    }

    /** An entry that does not say whether it is an allergy or an intolerance. */
    public Allergy(Coding code, String substance, LocalDate recordedOn) {
        this(code, substance, recordedOn, null);
    }
}
