package org.ketaminecds.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.InvalidFactException;

/**
 * A site's addition to the drug-class table: more names or RxNorm codes for an ingredient the table knows, or a new
 * ingredient with its interaction classes. Local codes are trusted (the site vouches for them).
 *
 * @param ingredient generic ingredient name (lower case)
 * @param classes interaction classes; empty to keep those of a known ingredient, required for a new one
 * @param kind subclass shown on cards; required for a new ingredient
 * @param names brand, local and other names, matched like the table's synonyms
 * @param rxnorm RxNorm codes (ingredient or product) that identify it
 * @param reason why the site adds it (shown in the policy report)
 * @since 0.1.0
 */
public record LocalDrug(
        String ingredient,
        Set<DrugClass> classes,
        String kind,
        List<String> names,
        List<String> rxnorm,
        String reason) {
    public LocalDrug {
        if (ingredient == null || ingredient.isBlank()) {
            throw new InvalidFactException("ingredient", "is required");
        }
        ingredient = ingredient.strip().toLowerCase(java.util.Locale.ROOT);
        classes = classes == null ? Set.of() : Set.copyOf(classes);
        names = names == null ? List.of() : List.copyOf(names);
        rxnorm = rxnorm == null ? List.of() : List.copyOf(rxnorm);
        for (String code : rxnorm) {
            if (!code.matches("\\d+")) {
                throw new InvalidFactException("rxnorm", "RxNorm codes are digits, was '" + code + "'");
            }
        }
        if (names.isEmpty() && rxnorm.isEmpty() && classes.isEmpty()) {
            throw new InvalidFactException("names", "a local drug needs names, rxnorm codes or classes to add");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidFactException("reason", "a local drug needs a written reason");
        }
        Objects.requireNonNull(ingredient, "ingredient");
    }
}
