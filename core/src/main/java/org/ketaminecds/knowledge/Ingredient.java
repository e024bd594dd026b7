package org.ketaminecds.knowledge;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the drug-class table.
 *
 * @param name generic ingredient name, lower case
 * @param classes interaction classes
 * @param kind subclass in plain words, e.g. "Z-drug", "SSRI"
 * @param rxnormCodes RxNorm codes (ingredient RXCUIs, and product codes where noted)
 * @param rxnormVerified whether the codes were verified against authoritative sources (clinical reference §9.A);
 *     unverified codes are recorded but never used to recognise a drug on their own
 * @param synonyms brand names and other names, normalised (lower case, letters and digits)
 * @param source where the classification comes from
 * @since 0.1.0
 */
public record Ingredient(
        String name,
        Set<DrugClass> classes,
        String kind,
        List<String> rxnormCodes,
        boolean rxnormVerified,
        List<String> synonyms,
        String source) {
    public Ingredient {
        Objects.requireNonNull(name, "name");
        classes = Set.copyOf(classes);
        Objects.requireNonNull(kind, "kind");
        rxnormCodes = List.copyOf(rxnormCodes);
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(source, "source");
    }
}
