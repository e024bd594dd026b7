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

    /** Words that say an entry is used in the nose (for {@code NASAL_PRODUCT(if-nasal)} rows). */
    private static final Set<String> NASAL_WORDS =
            Set.of("nasal", "intranasal", "nose", "nostril", "nostrils", "nasally");

    /**
     * Words that, right after a single ingredient's name, say the product has more ingredients than that one ("Aleve
     * PM", "Advil Allergy Sinus", "Tylenol Cold + Flu"): the entry is checked for what was recognised and also listed
     * as not fully checked.
     */
    private static final Set<String> COMBINATION_WORDS = Set.of(
            "pm",
            "d",
            "dm",
            "da",
            "cold",
            "sinus",
            "flu",
            "severe",
            "night",
            "nighttime",
            "nite",
            "sleep",
            "cough",
            "congestion",
            "plus",
            "max",
            "multisymptom");
    /**
     * Brand qualifiers that may stand between the name and a combination word ("Mucinex Fast-Max", "Advil Allergy
     * Sinus"); alone they say nothing ("Zyrtec Allergy" is cetirizine only).
     */
    private static final Set<String> BRAND_QUALIFIERS = Set.of(
            "fast",
            "extra",
            "maximum",
            "childrens",
            "children",
            "infants",
            "junior",
            "liquid",
            "liquigels",
            "day",
            "daytime",
            "rapid",
            "quick",
            "allergy",
            "multi");

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
    private record Recognition(List<Ingredient> found, List<String> notRecognised, String hint, boolean saysNasal) {}

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
                BundledTables.load(classLoader, RESOURCE, "drug-class table", DrugTable::parseIngredients);
        List<String[]> productRows =
                BundledTables.load(classLoader, PRODUCTS_RESOURCE, "drug-product table", (in, name) -> {
                    List<String[]> cells = new ArrayList<>();
                    BundledTables.forEachRow(in, name, 3, cells::add);
                    return cells;
                });
        return of(rows, productRows, PRODUCTS_RESOURCE);
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
        return new DrugTable(parseIngredients(in, name), List.of());
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
        List<Ingredient> rows = parseIngredients(ingredientTable, ingredientName);
        List<String[]> cells = new ArrayList<>();
        BundledTables.forEachRow(productTable, productName, 3, cells::add);
        return of(rows, cells, productName);
    }

    private static DrugTable of(List<Ingredient> rows, List<String[]> productRows, String productTable) {
        Map<String, Ingredient> byName = new HashMap<>();
        rows.forEach(i -> byName.put(i.name(), i));
        List<Product> products = new ArrayList<>();
        for (String[] cols : productRows) {
            String product = cols[0].strip().toLowerCase(Locale.ROOT);
            List<Ingredient> contains = new ArrayList<>();
            for (String ingredient : split(cols[1])) {
                Ingredient i = byName.get(ingredient.toLowerCase(Locale.ROOT));
                if (i == null) {
                    throw new RuleSetException(productTable + ": product '" + product + "' names '" + ingredient
                            + "', which is not a row of the drug-class table");
                }
                contains.add(i);
            }
            if (contains.isEmpty() || cols[2].isBlank()) {
                throw new RuleSetException(productTable + ": product '" + product + "' needs ingredients and a source");
            }
            products.add(new Product(product, contains, cols[2].strip()));
        }
        return new DrugTable(rows, products);
    }

    private static List<Ingredient> parseIngredients(InputStream in, String name) throws IOException {
        List<Ingredient> rows = new ArrayList<>();
        BundledTables.forEachRow(in, name, 7, cols -> {
            Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
            Set<DrugClass> inferred = EnumSet.noneOf(DrugClass.class);
            boolean nasalIfStated = false;
            for (String c : split(cols[1])) {
                int open = c.indexOf('(');
                String qualifier = open < 0 ? null : c.substring(open + 1, c.length() - (c.endsWith(")") ? 1 : 0));
                DrugClass drugClass = DrugClass.valueOf(open < 0 ? c : c.substring(0, open));
                if (qualifier == null) {
                    classes.add(drugClass);
                } else if (qualifier.equals("inferred")) {
                    classes.add(drugClass);
                    inferred.add(drugClass);
                } else if (qualifier.equals("if-nasal") && drugClass == DrugClass.NASAL_PRODUCT) {
                    nasalIfStated = true;
                } else {
                    throw new IllegalArgumentException(
                            "class qualifier must be (inferred), or (if-nasal) on NASAL_PRODUCT, was '" + c + "'");
                }
            }
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("no class");
            }
            boolean verified = BundledTables.yesNo(cols[4], "rxnorm_verified");
            if (cols[6].isBlank()) {
                throw new IllegalArgumentException("source is required");
            }
            List<String> synonyms =
                    split(cols[5]).stream().map(PhraseIndex::normalise).toList();
            rows.add(new Ingredient(
                    cols[0].strip().toLowerCase(Locale.ROOT),
                    classes,
                    inferred,
                    nasalIfStated,
                    cols[2].strip(),
                    split(cols[3]),
                    verified,
                    synonyms,
                    cols[6].strip()));
        });
        if (rows.isEmpty()) {
            throw new RuleSetException(name + ": the drug-class table has no rows");
        }
        return rows;
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split("\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
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

    private Recognition recognition(Medication medication) {
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
        return new Recognition(found, notRecognised, hint, saysNasal(medication));
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
            Recognition r = recognition(m);
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

    /**
     * The combination word right after a single ingredient's name in {@code text} ("pm" in "Aleve PM"), or null. A
     * combination product of the table, matched as a whole, needs no hint.
     */
    private String combinationHint(String text) {
        for (PhraseIndex.Match<Entry> match : byName.matches(text)) {
            if (match.value().key().startsWith("product ")) {
                continue;
            }
            List<String> next = match.following(2);
            if (next.size() == 2
                    && next.get(0).equals("d")
                    && Set.of("c", "cd", "ced", "cedd").contains(next.get(1))) {
                continue; // "D/C": discontinued
            }
            if (!next.isEmpty() && COMBINATION_WORDS.contains(next.get(0))) {
                return next.get(0);
            }
            if (next.size() == 2 && BRAND_QUALIFIERS.contains(next.get(0)) && COMBINATION_WORDS.contains(next.get(1))) {
                return next.get(0) + " " + next.get(1);
            }
        }
        return null;
    }

    private static boolean saysNasal(Medication m) {
        return hasNasalWord(m.text())
                || (m.code() != null && hasNasalWord(m.code().display()));
    }

    private static boolean hasNasalWord(String text) {
        if (text == null) {
            return false;
        }
        for (String word : PhraseIndex.normalise(text).split(" ")) {
            if (NASAL_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
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
        String reason = m.text() == null && m.code() != null && m.code().display() == null
                ? "RxNorm code " + m.code().code()
                        + " is not a verified code in the drug-class table and no name was given"
                : "no ingredient of the drug-class table was recognised";
        return new UncheckedMedication(m.label(), reason);
    }
}
