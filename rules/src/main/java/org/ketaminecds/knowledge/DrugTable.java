package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;

/**
 * The drug-class table: which ingredients interact with ketamine, and how to recognise them in a medication
 * list by RxNorm code, generic name, brand name or free text ("Xanax 0.5mg tab"), case-insensitively.
 *
 * <p>The table is data, not one rule per drug: {@value #RESOURCE} (one ingredient per row, tab-separated) and
 * {@value #PRODUCTS_RESOURCE} (brand names of combination products, each with its table ingredients: "Percocet" is
 * oxycodone and acetaminophen, "NyQuil" acetaminophen, dextromethorphan and doxylamine). Free text is matched on whole
 * words, longest name first, so "Sudafed PE" is phenylephrine and not pseudoephedrine, "Claritin-D" is loratadine and
 * pseudoephedrine while "Claritin" is loratadine, and a generic combination ("oxycodone/acetaminophen") yields each
 * ingredient. Strengths, salts, dose forms and sig abbreviations around a name ("HYDROcodone bitartrate 5 mg PO q6h
 * PRN") do not stop a match; a name inside another word ("tramadolx") never matches. RxNorm codes recognise a drug on
 * their own only when the table marks them verified.
 *
 * <p>Immutable and thread-safe; build it once.
 *
 * @since 0.1.0
 */
public final class DrugTable implements org.ketaminecds.spi.MedicationVocabulary {
    /** Class-path location of the bundled ingredient table. */
    public static final String RESOURCE = "org/ketaminecds/rules/medication/drug-classes.tsv";
    /** Class-path location of the bundled combination-product table. */
    public static final String PRODUCTS_RESOURCE = "org/ketaminecds/rules/medication/drug-products.tsv";

    /**
     * A combination product: a brand name and the table ingredients it contains.
     *
     * @param name the product's name as written, lower case
     * @param ingredients the table ingredients it contains (other ingredients of the product are not listed)
     * @param source evidence ids and notes
     * @since 0.2.0
     */
    public record Product(String name, List<Ingredient> ingredients, String source) {
        public Product {
            ingredients = List.copyOf(ingredients);
        }
    }

    /** What a phrase of the index stands for: one ingredient, or a product's ingredients. */
    private record Entry(String key, List<Ingredient> ingredients) {}

    private final List<Ingredient> ingredients;
    private final List<Product> products;
    private final PhraseIndex<Entry> byName = new PhraseIndex<>(Entry::key);
    private final Map<String, Ingredient> byVerifiedCode;
    /**
     * What the table makes of a medication's names and codes, by those names and codes alone: clinics send the same
     * strings over and over, and phrase matching was most of a typical evaluation's medication cost (issue 24). Bounded;
     * the table is immutable, so an entry never goes stale.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Naming, Recognition> recognitions;

    /** How many distinct medication namings are remembered (a few MiB at most). Not a clinical number. */
    private static final int RECOGNITION_CACHE_SIZE = 10_000;

    /** The parts of a medication the table reads: its code, its text and its listed ingredients. */
    private record Naming(
            org.ketaminecds.fact.Coding code, String text, List<org.ketaminecds.fact.ProductIngredient> ingredients) {
        static Naming of(Medication m) {
            return new Naming(m.code(), m.text(), m.ingredients());
        }
    }

    /**
     * What the table makes of one naming: the ingredients recognised, the listed ingredients it does not recognise, a
     * combination word after a single ingredient's name ("pm"), and whether the text says nasal.
     */
    record Recognition(List<Ingredient> found, List<String> notRecognised, String hint, boolean saysNasal) {}

    private DrugTable(List<Ingredient> ingredients, List<Product> products) {
        this(ingredients, products, true);
    }

    private DrugTable(List<Ingredient> ingredients, List<Product> products, boolean cached) {
        this.recognitions = cached
                ? com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                        .maximumSize(RECOGNITION_CACHE_SIZE)
                        .build()
                : null;
        this.ingredients = List.copyOf(ingredients);
        this.products = List.copyOf(products);
        Map<String, Ingredient> codes = new HashMap<>();
        for (Ingredient ingredient : ingredients) {
            Entry entry = new Entry(ingredient.name(), List.of(ingredient));
            byName.add(ingredient.name(), entry, "drug-class table");
            for (String synonym : ingredient.synonyms()) {
                byName.add(synonym, entry, "drug-class table");
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
        for (Product product : products) {
            byName.add(
                    product.name(), new Entry("product " + product.name(), product.ingredients()), "drug-class table");
        }
        this.byVerifiedCode = Map.copyOf(codes);
    }

    /** Loads the tables bundled in the rules jar, from this library's class loader. */
    public static DrugTable bundled() {
        return bundled(DrugTable.class.getClassLoader());
    }

    /** Loads the tables bundled in the rules jar, from the given class loader. */
    public static DrugTable bundled(ClassLoader classLoader) {
        List<Ingredient> rows =
                BundledTables.load(classLoader, RESOURCE, "drug-class table", DrugTableFiles::parseIngredients);
        List<String[]> productRows =
                BundledTables.load(classLoader, PRODUCTS_RESOURCE, "drug-product table", DrugTableFiles::productRows);
        return new DrugTable(rows, DrugTableFiles.products(rows, productRows, PRODUCTS_RESOURCE));
    }

    /**
     * Parses an ingredient table without combination products: tab-separated columns {@code ingredient, classes,
     * kind, rxnorm, rxnorm_verified, synonyms, source}; classes, codes and synonyms are separated by {@code |}; a class
     * may carry a qualifier, {@code CYP_INHIBITOR(inferred)} (member by pharmacology only) or
     * {@code NASAL_PRODUCT(if-nasal)}; lines starting with {@code #} and blank lines are ignored.
     *
     * @throws RuleSetException naming the line of any malformed row
     */
    public static DrugTable parse(InputStream in, String name) throws IOException {
        return new DrugTable(DrugTableFiles.parseIngredients(in, name), List.of());
    }

    /**
     * Parses an ingredient table and a product table ({@code product, ingredients, source}; ingredients are names of
     * the ingredient table, separated by {@code |}).
     *
     * @throws RuleSetException naming the line of any malformed row, or a product naming an ingredient not in the table
     */
    public static DrugTable parse(
            InputStream ingredientTable, String ingredientName, InputStream productTable, String productName)
            throws IOException {
        List<Ingredient> rows = DrugTableFiles.parseIngredients(ingredientTable, ingredientName);
        return new DrugTable(
                rows,
                DrugTableFiles.products(rows, DrugTableFiles.productRows(productTable, productName), productName));
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
            Ingredient known = ingredients.stream()
                    .filter(i -> i.name().equals(d.ingredient()))
                    .findFirst()
                    .orElse(null);
            if (known == null
                    && (d.classes().isEmpty() || d.kind() == null || d.kind().isBlank())) {
                throw new RuleSetException("site policy: local drug '" + d.ingredient()
                        + "' is not in the drug-class table, so it needs classes and a kind");
            }
            boolean keepClasses = known != null && d.classes().isEmpty();
            rows.add(new Ingredient(
                    d.ingredient(),
                    keepClasses ? known.classes() : d.classes(),
                    keepClasses ? known.inferredClasses() : Set.of(),
                    known != null && known.nasalIfStated(),
                    known != null && (d.kind() == null || d.kind().isBlank()) ? known.kind() : d.kind(),
                    d.rxnorm(),
                    true,
                    d.names().stream().map(PhraseIndex::normalise).toList(),
                    "site policy: " + d.reason()));
        }
        return new DrugTable(rows, products);
    }

    /** Every row of the ingredient table. */
    public List<Ingredient> ingredients() {
        return ingredients;
    }

    /** Every combination product. */
    public List<Product> products() {
        return products;
    }

    /**
     * The table ingredients an entry contains: by verified RxNorm code, and by whole-word names in its text (or
     * its code's display), longest name first. Empty if not recognised.
     */
    public List<Ingredient> recognise(Medication medication) {
        return recognition(medication).found();
    }

    Recognition recognition(Medication medication) {
        return recognitions == null
                ? recognitionOf(medication)
                : recognitions.get(Naming.of(medication), n -> recognitionOf(medication));
    }

    /**
     * The same table without the cache of recognised medication names: every name is matched again. For benchmarks
     * that show the phrase matching on its own; an application has no reason to use it.
     *
     * @return a table with the same rows that remembers nothing
     * @since 0.2.0
     */
    public DrugTable withoutRecognitionCache() {
        return new DrugTable(ingredients, products, false);
    }

    private Recognition recognitionOf(Medication medication) {
        List<Ingredient> found = recogniseUncached(medication);
        List<String> notRecognised = medication.ingredients().stream()
                .filter(i -> recogniseIngredient(i).isEmpty())
                .map(org.ketaminecds.fact.ProductIngredient::label)
                .toList();
        String hint = combinationHint(medication.text());
        if (hint == null && medication.code() != null) {
            hint = combinationHint(medication.code().display());
        }
        return new Recognition(found, notRecognised, hint, MedicationWords.saysNasal(medication));
    }

    private List<Ingredient> recogniseUncached(Medication medication) {
        Map<String, Ingredient> found = new LinkedHashMap<>();
        if (medication.code() != null
                && CodeSystems.RXNORM.equals(medication.code().system())) {
            Ingredient byCode = byVerifiedCode.get(medication.code().code());
            if (byCode != null) {
                found.put(byCode.name(), byCode);
            }
        }
        matchText(medication.text(), found);
        if (medication.code() != null) {
            matchText(medication.code().display(), found);
        }
        for (org.ketaminecds.fact.ProductIngredient ingredient : medication.ingredients()) {
            found.putAll(recogniseIngredient(ingredient));
        }
        return List.copyOf(found.values());
    }

    /** The table ingredients one listed ingredient names: by verified RxNorm code, by its name and code display. */
    private Map<String, Ingredient> recogniseIngredient(org.ketaminecds.fact.ProductIngredient ingredient) {
        Map<String, Ingredient> found = new LinkedHashMap<>();
        if (ingredient.code() != null
                && CodeSystems.RXNORM.equals(ingredient.code().system())) {
            Ingredient byCode = byVerifiedCode.get(ingredient.code().code());
            if (byCode != null) {
                found.put(byCode.name(), byCode);
            }
        }
        matchText(ingredient.name(), found);
        if (ingredient.code() != null) {
            matchText(ingredient.code().display(), found);
        }
        return found;
    }

    @Override
    public boolean recognises(Medication medication) {
        return !recognise(medication).isEmpty();
    }

    @Override
    public org.ketaminecds.fact.Product ketamineProduct(Medication medication) {
        for (Ingredient i : recognise(medication)) {
            if (i.classes().contains(DrugClass.KETAMINE)) {
                return i.name().equals("esketamine")
                        ? org.ketaminecds.fact.Product.ESKETAMINE
                        : org.ketaminecds.fact.Product.RACEMIC_KETAMINE;
            }
        }
        return null;
    }

    private void matchText(String text, Map<String, Ingredient> found) {
        for (Entry entry : byName.find(text)) {
            for (Ingredient ingredient : entry.ingredients()) {
                found.putIfAbsent(ingredient.name(), ingredient);
            }
        }
    }

    /** The ingredients named in a free text (an allergy's substance, say), whole words, longest name first. */
    public List<Ingredient> recogniseText(String text) {
        Map<String, Ingredient> found = new LinkedHashMap<>();
        matchText(text, found);
        return List.copyOf(found.values());
    }

    /** The ingredient of a verified RxNorm code, or null. */
    public Ingredient byVerifiedRxNorm(String code) {
        return byVerifiedCode.get(code);
    }

    /**
     * The current medication list reviewed in one pass: its exposures (as {@link #exposures}), the entries not
     * recognised (as {@link #unrecognised}), and the nasal corticosteroids and decongestants.
     */
    public MedicationReview review(MedicationList list, LocalDate asOfDate) {
        return MedicationReview.of(this, list, asOfDate);
    }

    /** How many words after an ingredient's name are read for a combination hint ("Advil Allergy Sinus"). */
    private static final int HINT_WORDS = 2; // not a clinical number: words of a brand name

    /**
     * The combination word right after a single ingredient's name in {@code text} ("pm" in "Aleve PM"), or null. A
     * combination product of the table, matched as a whole, needs no hint.
     */
    private String combinationHint(String text) {
        for (PhraseIndex.Match<Entry> match : byName.matches(text)) {
            if (match.value().key().startsWith("product ")) {
                continue;
            }
            List<String> next = match.following(HINT_WORDS);
            if (next.size() == HINT_WORDS
                    && next.get(0).equals("d")
                    && Set.of("c", "cd", "ced", "cedd").contains(next.get(1))) {
                continue; // "D/C": discontinued
            }
            if (!next.isEmpty() && MedicationWords.COMBINATION_WORDS.contains(next.get(0))) {
                return next.get(0);
            }
            if (next.size() == HINT_WORDS
                    && MedicationWords.BRAND_QUALIFIERS.contains(next.get(0))
                    && MedicationWords.COMBINATION_WORDS.contains(next.get(1))) {
                return next.get(0) + " " + next.get(1);
            }
        }
        return null;
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
}
