package org.ketaminecds.knowledge;

import java.util.List;
import org.ketaminecds.UncheckedMedication;

/**
 * A derived fact: the current medication list reviewed against the drug-class table in one pass.
 *
 * @param exposures one per table ingredient found, with all its entries
 * @param unchecked current entries the table does not recognise
 * @since 0.1.0
 */
public record MedicationReview(List<IngredientExposure> exposures, List<UncheckedMedication> unchecked) {
    public MedicationReview {
        exposures = List.copyOf(exposures);
        unchecked = List.copyOf(unchecked);
    }
}
