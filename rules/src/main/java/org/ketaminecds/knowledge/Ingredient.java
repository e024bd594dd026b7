package org.ketaminecds.knowledge;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ketaminecds.fact.DrugClass;

/**
 * One row of the drug-class table.
 *
 * @param name generic ingredient name, lower case
 * @param classes interaction classes, those by inference included
 * @param inferredClasses the classes the ingredient belongs to by pharmacology only: no ketamine data and not named by
 *     a source (evidence E-INT-GRADING); cards for them are graded one step lower and say so
 * @param nasalIfStated whether an entry with this ingredient is a nasal corticosteroid or decongestant when its text
 *     says it is used in the nose ("fluticasone 50 mcg nasal spray"), though the ingredient has other forms
 * @param kind subclass in plain words, e.g. "Z-drug", "SSRI"
 * @param rxnormCodes RxNorm codes (ingredient RXCUIs, and product codes where noted)
 * @param rxnormVerified whether the codes were verified against authoritative sources (evidence E-CODE-RXNORM);
 *     unverified codes are recorded but never used to recognise a drug on their own
 * @param synonyms brand names and other names, normalised (lower case, letters and digits)
 * @param source the evidence ids (seeds/evidence.yaml) the classification rests on, then notes
 * @since 0.1.0
 */
public record Ingredient(
        String name,
        Set<DrugClass> classes,
        Set<DrugClass> inferredClasses,
        boolean nasalIfStated,
        String kind,
        List<String> rxnormCodes,
        boolean rxnormVerified,
        List<String> synonyms,
        String source) {
    public Ingredient {
        Objects.requireNonNull(name, "name");
        classes = Set.copyOf(classes);
        inferredClasses = Set.copyOf(inferredClasses);
        if (!classes.containsAll(inferredClasses)) {
            throw new IllegalArgumentException(name + ": inferred classes must be among its classes");
        }
        Objects.requireNonNull(kind, "kind");
        rxnormCodes = List.copyOf(rxnormCodes);
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(source, "source");
    }

    /** Whether the ingredient belongs to {@code drugClass} by pharmacology only (see {@link #inferredClasses}). */
    public boolean inferred(DrugClass drugClass) {
        return inferredClasses.contains(drugClass);
    }
}
