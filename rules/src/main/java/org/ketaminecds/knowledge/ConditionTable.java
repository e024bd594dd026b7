package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.ConditionSeverity;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.LactationStatus;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.SessionContext;

/**
 * The condition-code table: which SNOMED CT and ICD-10 codes, and which names, put a problem-list entry into a
 * screening {@link ConditionCategory}. Data ({@value #RESOURCE} in the rules jar), not one rule per code. ICD-10
 * codes match exactly or, written {@code I61*}, by prefix, ignoring dots and case; names match on whole words in the
 * entry's name or its code's display. Codes that could not be verified (evidence E-CODE-CONDITIONS) never match on
 * their own.
 *
 * <p>Immutable and thread-safe; build it once.
 *
 * @since 0.1.0
 */
public final class ConditionTable {
    /** Class-path location of the bundled table. */
    public static final String RESOURCE = "org/ketaminecds/rules/screening/condition-codes.tsv";

    private record CodeRow(ConditionCategory category, String system, String code, boolean prefix) {}

    /** Exact codes and code prefixes ("system|code"), each to its categories. */
    private final Map<String, Set<ConditionCategory>> exact = new java.util.HashMap<>();

    private final Map<String, Set<ConditionCategory>> prefixes = new java.util.HashMap<>();
    private int longestPrefix;
    private final PhraseIndex<ConditionCategory> names = new PhraseIndex<>(ConditionCategory::name);

    private final List<CodeRow> codeRows;
    private final List<Map.Entry<String, ConditionCategory>> nameRows;

    private ConditionTable(List<CodeRow> codes, List<Map.Entry<String, ConditionCategory>> nameRows) {
        this.codeRows = List.copyOf(codes);
        this.nameRows = List.copyOf(nameRows);
        for (CodeRow row : codes) {
            Map<String, Set<ConditionCategory>> index = row.prefix() ? prefixes : exact;
            index.computeIfAbsent(
                            row.system() + "|" + row.code(), k -> java.util.EnumSet.noneOf(ConditionCategory.class))
                    .add(row.category());
            if (row.prefix()) {
                longestPrefix = Math.max(longestPrefix, row.code().length());
            }
        }
        for (Map.Entry<String, ConditionCategory> e : nameRows) {
            names.add(e.getKey(), e.getValue(), "condition-code table");
        }
    }

    /** Loads the table bundled in the rules jar from the given class loader. */
    public static ConditionTable bundled(ClassLoader classLoader) {
        return BundledTables.load(classLoader, RESOURCE, "condition-code table", ConditionTable::parse);
    }

    /**
     * Parses a table: tab-separated {@code category, system, code_or_name, verified, source}; system is
     * {@code snomed}, {@code icd-10-cm}, {@code icd-10} or {@code name}; {@code #} lines and blank lines are ignored.
     *
     * @throws RuleSetException naming the line of a malformed row
     */
    public static ConditionTable parse(InputStream in, String name) throws IOException {
        List<CodeRow> codes = new ArrayList<>();
        List<Map.Entry<String, ConditionCategory>> names = new ArrayList<>();
        BundledTables.forEachRow(in, name, 5, cols -> {
            ConditionCategory category = ConditionCategory.valueOf(cols[0].strip());
            String system = cols[1].strip();
            String value = cols[2].strip();
            boolean verified = BundledTables.yesNo(cols[3], "verified");
            if (cols[4].isBlank()) {
                throw new IllegalArgumentException("source is required");
            }
            switch (system) {
                case "name" -> names.add(Map.entry(value, category));
                case "snomed", "icd-10-cm", "icd-10" -> {
                    if (verified) {
                        boolean prefix = value.endsWith("*");
                        codes.add(new CodeRow(
                                category,
                                uri(system),
                                normaliseCode(prefix ? value.substring(0, value.length() - 1) : value),
                                prefix));
                    }
                }
                default ->
                    throw new IllegalArgumentException(
                            "system must be snomed, icd-10-cm, icd-10 or name, was '" + system + "'");
            }
        });
        if (codes.isEmpty() && names.isEmpty()) {
            throw new RuleSetException(name + ": the condition-code table has no rows");
        }
        return new ConditionTable(codes, names);
    }

    private static String uri(String system) {
        return switch (system) {
            case "snomed" -> CodeSystems.SNOMED_CT;
            case "icd-10-cm" -> CodeSystems.ICD_10_CM;
            default -> CodeSystems.ICD_10;
        };
    }

    private static String normaliseCode(String code) {
        return code.replace(".", "").strip().toUpperCase(Locale.ROOT);
    }

    /** This table with a site's additional codes and names. */
    public ConditionTable withLocal(List<org.ketaminecds.policy.LocalCondition> local) {
        if (local.isEmpty()) {
            return this;
        }
        List<CodeRow> codes = new ArrayList<>(this.codeRows);
        List<Map.Entry<String, ConditionCategory>> names = new ArrayList<>(this.nameRows);
        for (org.ketaminecds.policy.LocalCondition c : local) {
            for (String code : c.codes()) {
                boolean prefix = code.endsWith("*");
                codes.add(new CodeRow(
                        c.category(),
                        c.system(),
                        normaliseCode(prefix ? code.substring(0, code.length() - 1) : code),
                        prefix));
            }
            for (String name : c.names()) {
                names.add(Map.entry(name, c.category()));
            }
        }
        return new ConditionTable(codes, names);
    }

    /** Number of rows read (codes and names). */
    public int size() {
        return codeRows.size() + nameRows.size();
    }

    /** The categories a condition belongs to, by verified code and by name. */
    public Set<ConditionCategory> categories(Condition condition) {
        Set<ConditionCategory> found = java.util.EnumSet.noneOf(ConditionCategory.class);
        if (condition.code() != null) {
            String code = normaliseCode(condition.code().code());
            String key = condition.code().system() + "|";
            Set<ConditionCategory> hit = exact.get(key + code);
            if (hit != null) {
                found.addAll(hit);
            }
            for (int n = 1; n <= Math.min(longestPrefix, code.length()); n++) {
                Set<ConditionCategory> prefixHit = prefixes.get(key + code.substring(0, n));
                if (prefixHit != null) {
                    found.addAll(prefixHit);
                }
            }
            found.addAll(names.find(condition.code().display()));
        }
        found.addAll(names.find(condition.name()));
        return found;
    }

    /**
     * The screening categories the context shows, one flag per category: from conditions (by code or name), from
     * the patient's pregnancy and lactation status, and from allergies to ketamine or esketamine (recognised with
     * the drug-class table).
     */
    public List<ClinicalFlag> flags(SessionContext context, DrugTable drugs) {
        Map<ConditionCategory, Builder> flags = new EnumMap<>(ConditionCategory.class);
        for (Condition c : context.conditions()) {
            Set<ConditionCategory> categories = ConditionCategory.withImplied(categories(c));
            if (categories.contains(ConditionCategory.FAMILY_HISTORY)) {
                continue; // a relative's condition
            }
            boolean remission = categories.contains(ConditionCategory.IN_REMISSION);
            ConditionSeverity stated = ConditionCategory.statedSeverity(categories);
            ConditionSeverity severity =
                    stated == null || (c.severity() != null && c.severity().compareTo(stated) > 0)
                            ? c.severity()
                            : stated;
            for (ConditionCategory category : categories) {
                if (!category.screened()) {
                    continue;
                }
                boolean current =
                        c.status().isCurrent() && !(remission && category == ConditionCategory.SUBSTANCE_USE_DISORDER);
                if (!current && !category.historyCounts()) {
                    continue;
                }
                Builder b = flags.computeIfAbsent(category, Builder::new);
                b.current |= current;
                if (severity != null && (b.severity == null || severity.compareTo(b.severity) > 0)) {
                    b.severity = severity;
                }
                if (current) {
                    if (c.onset() == null) {
                        b.onsetUnknown = true;
                    } else {
                        b.onsets.add(c.onset());
                    }
                }
                b.facts.add("condition: " + c.label() + ", " + c.status().name().toLowerCase(Locale.ROOT)
                        + (c.onset() == null ? "" : ", onset " + c.onset())
                        + (severity == null
                                ? ""
                                : ", " + severity.name().toLowerCase(Locale.ROOT)
                                        + (stated != null && severity == stated && c.severity() != stated
                                                ? " (as the entry states its Child-Pugh class)"
                                                : "")));
            }
        }
        if (context.patient().pregnancy() == PregnancyStatus.PREGNANT) {
            Builder b = flags.computeIfAbsent(ConditionCategory.PREGNANCY, Builder::new);
            b.current = true;
            b.facts.add("patient status: pregnant");
        }
        if (context.patient().lactation() == LactationStatus.BREASTFEEDING) {
            Builder b = flags.computeIfAbsent(ConditionCategory.BREASTFEEDING, Builder::new);
            b.current = true;
            b.facts.add("patient status: breastfeeding");
        }
        for (Allergy a : context.allergies()) {
            if (isKetamineAllergy(a, drugs)) {
                boolean intolerance = a.type() == org.ketaminecds.fact.AllergyType.INTOLERANCE;
                Builder b = flags.computeIfAbsent(
                        intolerance
                                ? ConditionCategory.KETAMINE_INTOLERANCE
                                : ConditionCategory.KETAMINE_HYPERSENSITIVITY,
                        Builder::new);
                b.current = true;
                b.facts.add((intolerance
                                ? "intolerance: "
                                : a.type() == null ? "allergy or intolerance (type not recorded): " : "allergy: ")
                        + (a.substance() != null ? a.substance() : a.code().toString())
                        + (a.recordedOn() == null ? "" : ", recorded " + a.recordedOn()));
            }
        }
        List<ClinicalFlag> result = new ArrayList<>();
        for (Builder b : flags.values()) {
            // Sorted, so that a flag (and its card) does not depend on the order the record lists its entries in.
            b.facts.sort(null);
            b.onsets.sort(null);
            result.add(new ClinicalFlag(b.category, b.current, b.severity, b.onsets, b.onsetUnknown, b.facts));
        }
        return result;
    }

    private static boolean isKetamineAllergy(Allergy allergy, DrugTable drugs) {
        List<Ingredient> found = new ArrayList<>(drugs.recogniseText(allergy.substance()));
        if (allergy.code() != null) {
            if (CodeSystems.RXNORM.equals(allergy.code().system())) {
                Ingredient byCode = drugs.byVerifiedRxNorm(allergy.code().code());
                if (byCode != null) {
                    found.add(byCode);
                }
            }
            found.addAll(drugs.recogniseText(allergy.code().display()));
        }
        return found.stream().anyMatch(i -> i.classes().contains(DrugClass.KETAMINE));
    }

    private static final class Builder {
        final ConditionCategory category;
        boolean current;
        ConditionSeverity severity;
        final List<java.time.LocalDate> onsets = new ArrayList<>();
        boolean onsetUnknown;
        final List<String> facts = new ArrayList<>();

        Builder(ConditionCategory category) {
            this.category = category;
        }
    }
}
