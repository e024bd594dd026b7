package org.ketaminecds.json;

import static org.ketaminecds.json.JsonFields.array;
import static org.ketaminecds.json.JsonFields.keys;
import static org.ketaminecds.json.JsonFields.object;
import static org.ketaminecds.json.JsonFields.reasons;
import static org.ketaminecds.json.JsonFields.strings;
import static org.ketaminecds.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.policy.IndicatorOverride;
import org.ketaminecds.policy.LocalCondition;
import org.ketaminecds.policy.LocalDrug;
import org.ketaminecds.policy.PolicyChange;
import org.ketaminecds.policy.PolicyHash;
import org.ketaminecds.policy.SitePolicy;

/**
 * A site policy file: the settings a site changes (each with a written reason), the rules and topics it switches
 * off, indicator overrides, and local drug names/codes and condition codes. Read into the immutable
 * {@link SitePolicy}; every key is validated (unknown keys are errors naming the key and the keys allowed), and
 * {@link #changes()} lists each difference from the shipped defaults with its reason, for a clinical safety review.
 *
 * <pre>{@code
 * {
 *   "name": "example-clinic-2026-03",
 *   "settings": { "spo2Minimum": { "value": 90, "reason": "Anaesthesia protocol AN-12" } },
 *   "disabledRules": { "MED-023": "Euthyroid patients; BP is measured at every session" },
 *   "disabledTopics": { "therapy-integration": "Every patient is in our integration programme" },
 *   "indicatorOverrides": { "MED-012": { "indicator": "info", "reason": "Gabapentin audit 2025" } },
 *   "localDrugs": [ { "ingredient": "alprazolam", "names": ["Alprax"], "reason": "Imported brand" } ],
 *   "localConditions": [ { "category": "PSYCHOSIS", "system": "urn:clinic:problems", "codes": ["PSY-1"],
 *                          "reason": "Our problem-list code" } ]
 * }
 * }</pre>
 *
 * @param policy the policy value
 * @param changes each difference from the shipped defaults, with its reason
 * @since 0.1.0
 */
public record PolicyFile(SitePolicy policy, List<PolicyChange> changes) {
    private static final Set<String> TOP_KEYS = Set.of(
            "name",
            "description",
            "settings",
            "disabledRules",
            "disabledTopics",
            "indicatorOverrides",
            "localDrugs",
            "localConditions");

    public PolicyFile {
        changes = List.copyOf(changes);
    }

    /**
     * Reads a policy file: JSON, or YAML when the name ends in {@code .yaml}/{@code .yml} (YAML needs
     * {@code jackson-dataformat-yaml} on the class path).
     *
     * @throws InvalidFactException naming the JSON path of the first problem
     *
     * @param file the policy file
     * @return the policy and its changes
     * @throws IOException if the file cannot be read
     */
    public static PolicyFile read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(
                    file.toString(), null, "policy file not found: " + file.toAbsolutePath());
        }
        return parse(Yaml.isYaml(name) ? Yaml.readTree(text) : CdsJson.readTree(text));
    }

    /**
     * Parses policy-file JSON. @throws InvalidFactException naming the JSON path of the first problem
     *
     * @param json the policy file's text (JSON)
     * @return the policy and its changes
     */
    public static PolicyFile parse(String json) {
        return parse(CdsJson.readTree(json));
    }

    /**
     * Reads a parsed policy file. @throws InvalidFactException naming the JSON path of the first problem
     *
     * @param root the parsed policy file
     * @return the policy and its changes
     */
    public static PolicyFile parse(JsonNode root) {
        return parse(SitePolicy.defaults(), root);
    }

    /**
     * Reads a parsed policy file as changes over {@code base} instead of the shipped defaults (for example a
     * scenario's changes over a site's policy): each part the file gives ({@code settings} one by one; the switched-off
     * rules and topics, indicator overrides and local entries as a whole) replaces the base's, and {@link #changes()}
     * lists the differences from {@code base}. The same format, and the same checks, as a site's policy file.
     *
     * @throws InvalidFactException naming the JSON path of the first problem
     *
     * @param base the policy the changes apply to
     * @param root the changes, in the policy-file format
     * @return the policy and its changes from {@code base}
     */
    public static PolicyFile parse(SitePolicy base, JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidFactException("$", "a policy file is a JSON object");
        }
        keys(root, "$", TOP_KEYS);
        SitePolicy defaults = java.util.Objects.requireNonNull(base, "base");
        SitePolicy.Builder b = defaults.toBuilder();
        List<PolicyChange> changes = new ArrayList<>();
        String name = text(root, "name", "$");
        b.name(name);

        JsonNode settings = root.path("settings");
        Map<String, Number> shipped = defaults.numericSettings();
        if (!settings.isMissingNode()) {
            object(settings, "$.settings");
            Iterator<Map.Entry<String, JsonNode>> it = settings.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "$.settings." + e.getKey();
                if (!shipped.containsKey(e.getKey())) {
                    throw new InvalidFactException(
                            path,
                            "unknown setting (known: " + String.join(", ", new TreeSet<>(shipped.keySet())) + ")");
                }
                object(e.getValue(), path);
                keys(e.getValue(), path, Set.of("value", "reason"));
                JsonNode value = e.getValue().get("value");
                boolean decimal =
                        org.ketaminecds.policy.PolicySetting.byKey(e.getKey()).decimal();
                if (value == null
                        || (decimal ? !value.isNumber() : !value.isIntegralNumber() || !value.canConvertToInt())) {
                    throw new InvalidFactException(
                            path + ".value",
                            (decimal ? "must be a number" : "must be a whole number") + ", was "
                                    + (value == null ? "missing" : value));
                }
                String reason = text(e.getValue(), "reason", path);
                Number number = decimal ? (Number) value.asDouble() : (Number) value.asInt();
                set(b, e.getKey(), number);
                // Reasons are kept for differences from the shipped defaults (what the policy hash and a review cover).
                b.reason(
                        "settings." + e.getKey(),
                        number.equals(SitePolicy.defaults().numericSettings().get(e.getKey())) ? null : reason);
                if (!number.equals(shipped.get(e.getKey()))) { // a value as shipped is no change
                    changes.add(new PolicyChange(
                            "settings." + e.getKey(),
                            String.valueOf(shipped.get(e.getKey())),
                            String.valueOf(number),
                            reason));
                }
            }
        }
        JsonNode disabledNode = root.path("disabledRules");
        Set<String> disabled = new LinkedHashSet<>(disabledNode.isMissingNode() ? defaults.disabledRules() : Set.of());
        if (!disabledNode.isMissingNode()) {
            defaults.disabledRules().forEach(id -> b.reason("disabledRules." + id, null));
        }
        reasons(disabledNode, "$.disabledRules", (id, reason) -> {
            if (!id.matches("[A-Z]+-\\d{3}")) {
                throw new InvalidFactException("$.disabledRules." + id, "is not a rule id (TOPIC-NNN)");
            }
            disabled.add(id);
            b.reason("disabledRules." + id, reason);
            changes.add(new PolicyChange("disabledRules." + id, "on", "off", reason));
        });
        b.disabledRules(disabled);
        JsonNode topicsNode = root.path("disabledTopics");
        Set<String> topics = new LinkedHashSet<>(topicsNode.isMissingNode() ? defaults.disabledTopics() : Set.of());
        if (!topicsNode.isMissingNode()) {
            defaults.disabledTopics().forEach(t -> b.reason("disabledTopics." + t, null));
        }
        reasons(topicsNode, "$.disabledTopics", (topic, reason) -> {
            topics.add(topic);
            b.reason("disabledTopics." + topic, reason);
            changes.add(new PolicyChange("disabledTopics." + topic, "on", "off", reason));
        });
        b.disabledTopics(topics);
        JsonNode ov = root.path("indicatorOverrides");
        Map<String, IndicatorOverride> overrides =
                new LinkedHashMap<>(ov.isMissingNode() ? defaults.indicatorOverrides() : Map.of());
        if (!ov.isMissingNode()) {
            object(ov, "$.indicatorOverrides");
            Iterator<Map.Entry<String, JsonNode>> it = ov.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "$.indicatorOverrides." + e.getKey();
                object(e.getValue(), path);
                keys(e.getValue(), path, Set.of("indicator", "reason"));
                Indicator indicator;
                try {
                    indicator = Indicator.fromCode(text(e.getValue(), "indicator", path));
                } catch (IllegalArgumentException ex) {
                    throw new InvalidFactException(path + ".indicator", ex.getMessage());
                }
                String reason = text(e.getValue(), "reason", path);
                overrides.put(e.getKey(), new IndicatorOverride(indicator, reason));
                changes.add(
                        new PolicyChange("indicatorOverrides." + e.getKey(), "rule default", indicator.code(), reason));
            }
        }
        b.indicatorOverrides(overrides);
        JsonNode ld = root.path("localDrugs");
        List<LocalDrug> drugs = new ArrayList<>(ld.isMissingNode() ? defaults.localDrugs() : List.of());
        if (!ld.isMissingNode()) {
            array(ld, "$.localDrugs");
            for (int i = 0; i < ld.size(); i++) {
                String path = "$.localDrugs[" + i + "]";
                JsonNode d = ld.get(i);
                object(d, path);
                keys(d, path, Set.of("ingredient", "classes", "kind", "names", "rxnorm", "reason"));
                Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
                for (String c : strings(d.path("classes"), path + ".classes")) {
                    try {
                        classes.add(DrugClass.valueOf(c));
                    } catch (IllegalArgumentException ex) {
                        throw new InvalidFactException(
                                path + ".classes",
                                "'" + c + "' is not one of: "
                                        + Arrays.stream(DrugClass.values())
                                                .map(Enum::name)
                                                .collect(Collectors.joining(", ")));
                    }
                }
                LocalDrug drug = at(
                        path,
                        () -> new LocalDrug(
                                d.path("ingredient").asText(null),
                                classes,
                                d.path("kind").asText(null),
                                strings(d.path("names"), path + ".names"),
                                strings(d.path("rxnorm"), path + ".rxnorm"),
                                d.path("reason").asText(null)));
                drugs.add(drug);
                changes.add(new PolicyChange(
                        "localDrugs." + drug.ingredient(),
                        "drug-class table",
                        "adds " + describe(drug),
                        drug.reason()));
            }
        }
        b.localDrugs(drugs);
        JsonNode lc = root.path("localConditions");
        List<LocalCondition> conditions = new ArrayList<>(lc.isMissingNode() ? defaults.localConditions() : List.of());
        if (!lc.isMissingNode()) {
            array(lc, "$.localConditions");
            for (int i = 0; i < lc.size(); i++) {
                String path = "$.localConditions[" + i + "]";
                JsonNode c = lc.get(i);
                object(c, path);
                keys(c, path, Set.of("category", "system", "codes", "names", "reason"));
                ConditionCategory category;
                try {
                    category = ConditionCategory.valueOf(text(c, "category", path));
                } catch (IllegalArgumentException ex) {
                    throw new InvalidFactException(
                            path + ".category",
                            "'" + c.path("category").asText() + "' is not one of: "
                                    + Arrays.stream(ConditionCategory.values())
                                            .map(Enum::name)
                                            .collect(Collectors.joining(", ")));
                }
                LocalCondition condition = at(
                        path,
                        () -> new LocalCondition(
                                category,
                                c.path("system").asText(null),
                                strings(c.path("codes"), path + ".codes"),
                                strings(c.path("names"), path + ".names"),
                                c.path("reason").asText(null)));
                conditions.add(condition);
                changes.add(new PolicyChange(
                        "localConditions." + category.name(),
                        "condition-code table",
                        "adds "
                                + (condition.codes().isEmpty()
                                        ? ""
                                        : "codes " + condition.codes() + " (" + condition.system() + ") ")
                                + (condition.names().isEmpty() ? "" : "names " + condition.names()),
                        condition.reason()));
            }
        }
        b.localConditions(conditions);
        SitePolicy policy = at("$", b::build);
        return new PolicyFile(policy, changes);
    }

    /**
     * The changes as a plain-text report for a clinical safety officer.
     *
     * @return the report
     */
    public String report() {
        return report(List.of());
    }

    /**
     * The changes as a plain-text report for a clinical safety officer; changes to a rule in {@code rules} (e.g.
     * {@code CdsEngine.rules()}) show the rule's name and its shipped indicator.
     *
     * @param rules the rules of the knowledge base the policy is for
     * @return the report
     */
    public String report(List<org.ketaminecds.cds.RuleDescription> rules) {
        Map<String, org.ketaminecds.cds.RuleDescription> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        StringBuilder text = new StringBuilder();
        text.append("Site policy '")
                .append(policy.name())
                .append("' (")
                .append(PolicyHash.of(policy))
                .append(")\n");
        if (changes.isEmpty()) {
            text.append("No differences from the shipped defaults.\n");
            return text.toString();
        }
        text.append(changes.size()).append(" difference(s) from the shipped defaults:\n");
        for (PolicyChange c : changes) {
            org.ketaminecds.cds.RuleDescription rule =
                    byId.get(c.key().substring(c.key().indexOf('.') + 1));
            String shipped = c.shipped();
            text.append("\n- ").append(c.key());
            if (rule != null && c.key().startsWith("indicatorOverrides.") && rule.severity() != null) {
                shipped = rule.severity().code();
            }
            if (rule != null) {
                text.append(" (").append(rule.name()).append(')');
            }
            text.append(": ")
                    .append(shipped)
                    .append(" -> ")
                    .append(c.site())
                    .append("\n  reason: ")
                    .append(c.reason())
                    .append('\n');
        }
        return text.toString();
    }

    private static String describe(LocalDrug d) {
        List<String> parts = new ArrayList<>();
        if (!d.classes().isEmpty()) {
            parts.add("classes "
                    + new TreeSet<>(d.classes().stream().map(Enum::name).toList()));
        }
        if (!d.names().isEmpty()) {
            parts.add("names " + d.names());
        }
        if (!d.rxnorm().isEmpty()) {
            parts.add("RxNorm " + d.rxnorm());
        }
        return String.join(", ", parts);
    }

    private static void set(SitePolicy.Builder b, String setting, Number value) {
        b.setting(org.ketaminecds.policy.PolicySetting.byKey(setting), value);
    }

    private static <T> T at(String path, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidFactException e) {
            String field = e.path();
            String full = path.equals("$") && field.matches("[A-Za-z0-9]+") && !field.equals("name")
                    ? "$.settings." + field + ".value"
                    : path + "." + field;
            throw new InvalidFactException(full, e.problem());
        }
    }
}
