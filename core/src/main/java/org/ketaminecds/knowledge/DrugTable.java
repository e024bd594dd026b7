package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.UncheckedMedication;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;

/**
 * The drug-class table: which ingredients interact with ketamine, and how to recognise them in a medication
 * list by RxNorm code, generic name, brand name or free text ("Xanax 0.5mg tab"), case-insensitively.
 *
 * <p>The table is data ({@value #RESOURCE} in the rules jar, tab-separated, one ingredient per row), not one rule
 * per drug. Free text is matched on whole words, longest name first, so "Sudafed PE" is phenylephrine and not
 * pseudoephedrine, and combination products ("oxycodone/acetaminophen") yield each listed ingredient. RxNorm
 * codes recognise a drug on their own only when the table marks them verified.
 *
 * <p>Immutable and thread-safe; build it once.
 *
 * @since 0.1.0
 */
public final class DrugTable {
    /** Class-path location of the bundled table. */
    public static final String RESOURCE = "org/ketaminecds/rules/medication/drug-classes.tsv";

    private final List<Ingredient> ingredients;
    private final PhraseIndex<Ingredient> byName = new PhraseIndex<>(Ingredient::name);
    private final Map<String, Ingredient> byVerifiedCode;

    private DrugTable(List<Ingredient> ingredients) {
        this.ingredients = List.copyOf(ingredients);
        Map<String, Ingredient> codes = new HashMap<>();
        for (Ingredient ingredient : ingredients) {
            byName.add(ingredient.name(), ingredient, "drug-class table");
            for (String synonym : ingredient.synonyms()) {
                byName.add(synonym, ingredient, "drug-class table");
            }
            if (ingredient.rxnormVerified()) {
                for (String code : ingredient.rxnormCodes()) {
                    Ingredient previous = codes.putIfAbsent(code, ingredient);
                    if (previous != null && !previous.name().equals(ingredient.name())) {
                        throw new RuleSetException("drug-class table: RxNorm code '" + code + "' is listed for both "
                                + previous.name() + " and " + ingredient.name());
                    }
                }
            }
        }
        this.byVerifiedCode = Map.copyOf(codes);
    }

    /** Loads the table bundled in the rules jar, from this library's class loader. */
    public static DrugTable bundled() {
        return bundled(DrugTable.class.getClassLoader());
    }

    /** Loads the table bundled in the rules jar, from the given class loader. */
    public static DrugTable bundled(ClassLoader classLoader) {
        return BundledTables.load(classLoader, RESOURCE, "drug-class table", DrugTable::parse);
    }

    /**
     * Parses a table: tab-separated columns {@code ingredient, classes, kind, rxnorm, rxnorm_verified, synonyms,
     * source}; classes, codes and synonyms are separated by {@code |}; lines starting with {@code #} and blank
     * lines are ignored.
     *
     * @throws RuleSetException naming the line of any malformed row
     */
    public static DrugTable parse(InputStream in, String name) throws IOException {
        List<Ingredient> rows = new ArrayList<>();
        BundledTables.forEachRow(in, name, 7, cols -> {
            Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
            for (String c : split(cols[1])) {
                classes.add(DrugClass.valueOf(c));
            }
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("no class");
            }
            boolean verified = BundledTables.yesNo(cols[4], "rxnorm_verified");
            List<String> synonyms = split(cols[5]).stream().map(PhraseIndex::normalise).toList();
            rows.add(new Ingredient(cols[0].strip().toLowerCase(Locale.ROOT), classes, cols[2].strip(),
                    split(cols[3]), verified, synonyms, cols[6].strip()));
        });
        if (rows.isEmpty()) {
            throw new RuleSetException(name + ": the drug-class table has no rows");
        }
        return new DrugTable(rows);
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * This table with a site's additions: more names and trusted RxNorm codes for known ingredients, or new
     * ingredients with their classes.
     *
     * @throws RuleSetException if an addition conflicts with the table (a name already used by another ingredient)
     */
    public DrugTable withLocal(List<org.ketaminecds.policy.LocalDrug> local) {
        if (local.isEmpty()) {
            return this;
        }
        List<Ingredient> rows = new ArrayList<>(ingredients);
        for (org.ketaminecds.policy.LocalDrug d : local) {
            Ingredient known = ingredients.stream().filter(i -> i.name().equals(d.ingredient())).findFirst().orElse(null);
            if (known == null && (d.classes().isEmpty() || d.kind() == null || d.kind().isBlank())) {
                throw new RuleSetException("site policy: local drug '" + d.ingredient()
                        + "' is not in the drug-class table, so it needs classes and a kind");
            }
            rows.add(new Ingredient(d.ingredient(), known != null && d.classes().isEmpty() ? known.classes() : d.classes(),
                    known != null && (d.kind() == null || d.kind().isBlank()) ? known.kind() : d.kind(), d.rxnorm(), true,
                    d.names().stream().map(PhraseIndex::normalise).toList(), "site policy: " + d.reason()));
        }
        return new DrugTable(rows);
    }

    /** Every row of the table. */
    public List<Ingredient> ingredients() {
        return ingredients;
    }

    /**
     * The table ingredients an entry contains: by verified RxNorm code, and by whole-word names in its text (or
     * its code's display), longest name first. Empty if not recognised.
     */
    public List<Ingredient> recognise(Medication medication) {
        Map<String, Ingredient> found = new LinkedHashMap<>();
        if (medication.code() != null && CodeSystems.RXNORM.equals(medication.code().system())) {
            Ingredient byCode = byVerifiedCode.get(medication.code().code());
            if (byCode != null) {
                found.put(byCode.name(), byCode);
            }
        }
        matchText(medication.text(), found);
        if (medication.code() != null) {
            matchText(medication.code().display(), found);
        }
        return List.copyOf(found.values());
    }

    private void matchText(String text, Map<String, Ingredient> found) {
        for (Ingredient ingredient : byName.find(text)) {
            found.putIfAbsent(ingredient.name(), ingredient);
        }
    }

    /** The ingredients named in a free text (an allergy's substance, say), whole words, longest name first. */
    public List<Ingredient> recogniseText(String text) {
        return List.copyOf(byName.find(text));
    }

    /** The ingredient of a verified RxNorm code, or null. */
    public Ingredient byVerifiedRxNorm(String code) {
        return byVerifiedCode.get(code);
    }

    /**
     * The current medication list reviewed in one pass: its exposures (as {@link #exposures}) and the entries not
     * recognised (as {@link #unrecognised}).
     */
    public MedicationReview review(MedicationList list, LocalDate asOfDate) {
        Map<String, Ingredient> ingredientsFound = new LinkedHashMap<>();
        Map<String, List<Medication>> entries = new LinkedHashMap<>();
        List<UncheckedMedication> unchecked = new ArrayList<>();
        for (Medication m : list.entries()) {
            if (!m.isCurrentOn(asOfDate)) {
                continue;
            }
            List<Ingredient> found = recognise(m);
            if (found.isEmpty()) {
                unchecked.add(unchecked(m));
            }
            for (Ingredient ingredient : found) {
                ingredientsFound.putIfAbsent(ingredient.name(), ingredient);
                entries.computeIfAbsent(ingredient.name(), k -> new ArrayList<>()).add(m);
            }
        }
        List<IngredientExposure> exposures = new ArrayList<>(ingredientsFound.size());
        for (Ingredient ingredient : ingredientsFound.values()) {
            exposures.add(new IngredientExposure(ingredient, entries.get(ingredient.name())));
        }
        return new MedicationReview(exposures, unchecked);
    }

    /**
     * The table ingredients on the current medication list, one exposure per ingredient with all its entries.
     * Entries that are stopped, or whose end date is before {@code asOfDate}, are not current and are skipped.
     */
    public List<IngredientExposure> exposures(MedicationList list, LocalDate asOfDate) {
        return review(list, asOfDate).exposures();
    }

    /** Current entries that contain no table ingredient: they were not checked for interactions. */
    public List<UncheckedMedication> unrecognised(MedicationList list, LocalDate asOfDate) {
        return review(list, asOfDate).unchecked();
    }

    private static UncheckedMedication unchecked(Medication m) {
        String reason = m.text() == null && m.code().display() == null
                ? "RxNorm code " + m.code().code() + " is not a verified code in the drug-class table and no name was given"
                : "no ingredient of the drug-class table was recognised";
        return new UncheckedMedication(m.label(), reason);
    }
}
