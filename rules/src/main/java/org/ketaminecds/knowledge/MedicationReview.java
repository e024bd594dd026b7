package org.ketaminecds.knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;

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

    /** What {@link DrugTable#review} returns: the review of the current entries of a list by a table. */
    static MedicationReview of(DrugTable table, MedicationList list, LocalDate asOfDate) {
        Map<String, Ingredient> ingredientsFound = new LinkedHashMap<>();
        Map<String, List<Medication>> entries = new LinkedHashMap<>();
        List<UncheckedMedication> unchecked = new ArrayList<>();
        List<Medication> nasal = new ArrayList<>();
        // In a canonical order, so that exposures, their facts and the unchecked entries do not depend on the order
        // the record lists the medicines in.
        List<Medication> inOrder = MedicationOrder.canonical(list.entries());
        for (Medication m : inOrder) {
            if (!m.isCurrentOn(asOfDate)) {
                continue;
            }
            DrugTable.Recognition r = table.recognition(m);
            List<Ingredient> found = r.found();
            if (found.isEmpty()) {
                unchecked.add(unchecked(m));
            } else if (!r.notRecognised().isEmpty()) {
                unchecked.add(new UncheckedMedication(
                        m.label(),
                        "recognised as "
                                + String.join(
                                        " and ",
                                        found.stream().map(Ingredient::name).toList())
                                + ", but its ingredient " + String.join(", ", r.notRecognised())
                                + " was not recognised: check it"));
            } else if (r.hint() != null) {
                unchecked.add(new UncheckedMedication(
                        m.label(),
                        "recognised as "
                                + String.join(
                                        " and ",
                                        found.stream().map(Ingredient::name).toList()) + ", but '" + r.hint()
                                + "' after the name suggests a combination product whose other ingredients were not "
                                + "recognised: check them"));
            }
            boolean nasalProduct = false;
            for (Ingredient ingredient : found) {
                ingredientsFound.putIfAbsent(ingredient.name(), ingredient);
                entries.computeIfAbsent(ingredient.name(), k -> new ArrayList<>())
                        .add(m);
                nasalProduct |= ingredient.classes().contains(DrugClass.NASAL_PRODUCT)
                        || (ingredient.nasalIfStated() && r.saysNasal());
            }
            if (nasalProduct) {
                nasal.add(m);
            }
        }
        List<IngredientExposure> exposures = new ArrayList<>(ingredientsFound.size());
        for (Ingredient ingredient : ingredientsFound.values()) {
            exposures.add(new IngredientExposure(ingredient, entries.get(ingredient.name())));
        }
        return new MedicationReview(exposures, unchecked, nasal);
    }

    private static UncheckedMedication unchecked(Medication m) {
        String reason = m.text() == null && m.code() != null && m.code().display() == null
                ? "RxNorm code " + m.code().code()
                        + " is not a verified code in the drug-class table and no name was given"
                : "no ingredient of the drug-class table was recognised";
        return new UncheckedMedication(m.label(), reason);
    }
}
