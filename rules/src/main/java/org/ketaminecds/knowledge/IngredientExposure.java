package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationStatus;

/**
 * A derived fact: one ingredient of the drug-class table found on the current medication list, with every entry
 * that contains it (the same ingredient entered twice is one exposure, so one card).
 *
 * @param ingredient the table row
 * @param entries the current medication-list entries that contain it, in list order
 * @since 0.1.0
 */
public record IngredientExposure(Ingredient ingredient, List<Medication> entries) {
    public IngredientExposure {
        entries = List.copyOf(entries);
    }

    /** The interaction classes of the ingredient, for rule constraints ({@code drugClasses contains ...}). */
    public Set<DrugClass> drugClasses() {
        return ingredient.classes();
    }

    /** The classes the ingredient belongs to by pharmacology only (cards for them are graded one step lower). */
    public Set<DrugClass> inferredClasses() {
        return ingredient.inferredClasses();
    }

    /** Whether the ingredient belongs to {@code drugClass} by pharmacology only. */
    public boolean inferred(DrugClass drugClass) {
        return ingredient.inferred(drugClass);
    }

    /**
     * Why a card of {@code drugClass} about this ingredient is graded one step lower, or null if the ingredient is
     * in that class by a source (pass it to {@link org.ketaminecds.spi.Finding#gradedDownBecause}).
     */
    public String inferredNote(DrugClass drugClass) {
        return inferred(drugClass)
                ? name() + " is a " + drugClass.label() + " by pharmacology only; no source studied it with ketamine "
                        + "(evidence E-INT-GRADING)"
                : null;
    }

    /** The generic ingredient name. */
    public String name() {
        return ingredient.name();
    }

    /** The ingredient's subclass in plain words (e.g. "Z-drug"). */
    public String kind() {
        return ingredient.kind();
    }

    /** How the clinician entered it: the entries' labels, quoted and joined ("Ativan 1mg", "lorazepam"). */
    public String asEntered() {
        List<String> labels = new ArrayList<>();
        for (Medication m : entries) {
            labels.add("\"" + m.label() + "\"");
        }
        return String.join(", ", labels);
    }

    /** The triggering facts in words, one per entry: "lorazepam: "Ativan 1mg" (1 mg, twice daily, active)". */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        for (Medication m : entries) {
            facts.add(ingredient.name() + ": \"" + m.label() + "\" (" + describe(m) + ")");
        }
        return facts;
    }

    /** True if any entry is on hold rather than active. */
    public boolean anyOnHold() {
        return entries.stream().anyMatch(m -> m.status() == MedicationStatus.ON_HOLD);
    }

    static String describe(Medication m) {
        List<String> parts = new ArrayList<>();
        if (m.dose() != null) {
            parts.add(m.dose().toString());
        }
        if (m.frequency() != null) {
            parts.add(m.frequency());
        }
        if (m.asNeeded()) {
            parts.add("as needed");
        }
        parts.add(
                m.status() == MedicationStatus.ON_HOLD
                        ? "on hold"
                        : m.status().name().toLowerCase(Locale.ROOT));
        if (m.code() != null) {
            parts.add("RxNorm " + m.code().code());
        }
        if (m.end() != null) {
            parts.add("until " + m.end());
        }
        return String.join(", ", parts);
    }
}
