package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.Medication;

/**
 * A derived fact: the current medication list reviewed against the drug-class table in one pass.
 *
 * @param exposures one per table ingredient found, with all its entries
 * @param unchecked current entries the table does not recognise
 * @param nasalProducts current entries that are a nasal corticosteroid or nasal decongestant
 * @since 0.1.0
 */
public record MedicationReview(
        List<IngredientExposure> exposures, List<UncheckedMedication> unchecked, List<Medication> nasalProducts) {
    public MedicationReview {
        exposures = List.copyOf(exposures);
        unchecked = List.copyOf(unchecked);
        nasalProducts = List.copyOf(nasalProducts);
    }

    /** The CNS depressants on the list (opioids, benzodiazepines and other depressants), or empty if there are none. */
    public List<CnsDepressants> cnsDepressants() {
        List<IngredientExposure> depressants = new ArrayList<>();
        for (IngredientExposure e : exposures) {
            if (CnsDepressants.isDepressant(e)) {
                depressants.add(e);
            }
        }
        // By name, so that the card reads the same whatever order the list came in.
        depressants.sort(java.util.Comparator.comparing(IngredientExposure::name));
        return depressants.isEmpty() ? List.of() : List.of(new CnsDepressants(depressants));
    }

    /** The nasal products in words, one per entry, or empty. */
    public List<String> nasalProductFacts() {
        List<String> facts = new ArrayList<>();
        for (Medication m : nasalProducts) {
            facts.add("nasal product on the medication list: \"" + m.label() + "\" (" + IngredientExposure.describe(m)
                    + ")");
        }
        return facts;
    }
}
