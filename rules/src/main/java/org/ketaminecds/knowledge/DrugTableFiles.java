package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.fact.DrugClass;

/** Reads the drug-class table's files: the ingredient rows and the combination products (see {@link DrugTable}). */
final class DrugTableFiles {
    private DrugTableFiles() {}

    /** The rows of an ingredient table (see {@link DrugTable#parse(InputStream, String)}). */
    static List<Ingredient> parseIngredients(InputStream in, String name) throws IOException {
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

    /** A cell's values, separated by {@code |}. */
    static List<String> split(String cell) {
        return Arrays.stream(cell.split("\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The rows of a product table: product, ingredients, source. */
    static List<String[]> productRows(InputStream in, String name) throws IOException {
        List<String[]> cells = new ArrayList<>();
        BundledTables.forEachRow(in, name, 3, cells::add);
        return cells;
    }

    /** The product rows as products, each ingredient a row of the ingredient table. */
    static List<DrugTable.Product> products(List<Ingredient> rows, List<String[]> productRows, String productTable) {
        Map<String, Ingredient> byName = new HashMap<>();
        rows.forEach(i -> byName.put(i.name(), i));
        List<DrugTable.Product> products = new ArrayList<>();
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
            products.add(new DrugTable.Product(product, contains, cols[2].strip()));
        }
        return products;
    }
}
