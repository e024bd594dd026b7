package org.ketaminecds;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.RuleDescription;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled rule set: one shared, thread-safe {@link KieBase} per class loader, with its verified rule
 * catalogue. Loading fails fast with a {@link RuleSetException} if the knowledge base is missing, empty, or holds
 * a rule without the required metadata. Not part of the public API.
 */
final class RuleBase {
    /** The knowledge base name in the rules jar's {@code META-INF/kmodule.xml}. */
    static final String KIE_BASE = "ketamineCds";
    /** The knowledge base with only the medication topic. */
    static final String MEDICATION_KIE_BASE = "ketamineCdsMedication";
    /** Rule packages start with this. */
    static final String PACKAGE_PREFIX = "org.ketaminecds.rules";

    static final String VERSION_RESOURCE = "org/ketaminecds/rules/ruleset.properties";

    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);
    /** The {@code @gate} of the rules that decide whether a record is about ketamine. */
    static final String TOPIC_GATE = "ketamine-topic";

    private record Key(ClassLoader classLoader, String kieBase) {}

    private static final Map<Key, RuleBase> LOADED = new ConcurrentHashMap<>();
    private static final Map<ClassLoader, KnowledgeModules> MODULES = new ConcurrentHashMap<>();

    private final KieBase kieBase;
    private final String kieBaseName;
    private final String version;
    private final Map<String, RuleDescription> byName;
    private final List<org.drools.base.base.ObjectType> matchedTypes;
    private final Map<Class<?>, Boolean> matchedClasses = new ConcurrentHashMap<>();
    private final Map<String, RuleDescription> byId;
    private final Gate gate;
    private final boolean topicGate;

    private RuleBase(
            String kieBaseName,
            KieBase kieBase,
            String version,
            List<RuleDescription> rules,
            Gate gate,
            boolean topicGate) {
        this.kieBaseName = kieBaseName;
        this.gate = gate;
        this.topicGate = topicGate;
        this.kieBase = kieBase;
        this.version = version;
        Map<String, RuleDescription> names = new LinkedHashMap<>();
        Map<String, RuleDescription> ids = new LinkedHashMap<>();
        for (RuleDescription rule : rules) {
            names.put(rule.name(), rule);
            RuleDescription clash = ids.put(rule.id(), rule);
            if (clash != null) {
                throw new RuleSetException(
                        "rule id " + rule.id() + " is used by both '" + clash.name() + "' and '" + rule.name() + "'");
            }
        }
        this.byName = new java.util.HashMap<>(names);
        this.matchedTypes = objectTypes(kieBase);
        this.byId = java.util.Collections.unmodifiableMap(ids);
    }

    /** The fact types some pattern of the knowledge base matches (empty if the network cannot be inspected). */
    private static List<org.drools.base.base.ObjectType> objectTypes(KieBase kieBase) {
        List<org.drools.base.base.ObjectType> types = new ArrayList<>();
        if (kieBase instanceof org.drools.core.impl.InternalRuleBase internal) {
            internal.getRete().getObjectTypeNodes().forEach(otn -> types.add(otn.getObjectType()));
        }
        return List.copyOf(types);
    }

    /** Whether {@code type} is one of {@code types} or a subtype (an empty list matches everything). */
    private static boolean matches(List<org.drools.base.base.ObjectType> types, Class<?> type) {
        return types.isEmpty() || types.stream().anyMatch(o -> o.isAssignableFrom(type));
    }

    /**
     * The topic rules alone ({@code @gate("ketamine-topic")}), evaluated before the others: a record none of them
     * finds to be about ketamine is answered with silence without running the rest (most calls of an order hook are
     * about other medicines). Topic rules must decide from the record's facts alone, never from a fact another rule
     * derives; the cards of every scenario and pinned context are the same with this shortcut as without it (the card
     * baseline test).
     */
    static final class Gate {
        private final KieBase kieBase;
        private final List<org.drools.base.base.ObjectType> types;
        private final Map<Class<?>, Boolean> matchedClasses = new ConcurrentHashMap<>();

        private Gate(KieBase kieBase) {
            this.kieBase = kieBase;
            this.types = objectTypes(kieBase);
        }

        /**
         * The topic rules' own knowledge base: the rule packages that hold them, whole. Null (every record then runs
         * every rule, as without the gate) when such a package also holds other rules: a knowledge base cut finer
         * than a package is not reliable in Drools 10.2.0.
         */
        static Gate build(KnowledgeModules modules, String kieBaseName, long expected) {
            KieBase gateBase = modules.buildPackages(
                    kieBaseName,
                    model -> model.getRules().stream()
                            .anyMatch(r -> TOPIC_GATE.equals(String.valueOf(r.getMetaData("gate")))));
            long built = gateBase == null
                    ? 0
                    : gateBase.getKiePackages().stream()
                            .mapToLong(p -> p.getRules().size())
                            .sum();
            if (built != expected) {
                LOG.debug(
                        "Knowledge base '{}': its {} topic rules share packages with other rules ({} rules); "
                                + "every record runs every rule",
                        kieBaseName,
                        expected,
                        built);
                return null;
            }
            return new Gate(gateBase);
        }

        /**
         * The fact types the topic rules read that are none of {@code inputs} (the facts an evaluation inserts from
         * the record); Drools' own types are left out. Not empty: some topic rule reads a fact another rule derives,
         * which the topic rules alone cannot see, so they must not be evaluated alone.
         */
        List<String> readsBeyond(java.util.Collection<Class<?>> inputs) {
            return types.stream()
                    .filter(t -> !t.getClassName().startsWith("org.drools."))
                    .filter(t -> inputs.stream().noneMatch(t::isAssignableFrom))
                    .map(org.drools.base.base.ObjectType::getClassName)
                    .toList();
        }

        /** Whether some topic rule finds the record to be about ketamine, given the facts of a full evaluation. */
        boolean opens(List<Object> facts) {
            List<Object> read = new ArrayList<>();
            for (Object fact : facts) {
                if (matchedClasses.computeIfAbsent(fact.getClass(), t -> RuleBase.matches(types, t))) {
                    read.add(fact);
                }
            }
            boolean[] topic = {false};
            org.kie.api.runtime.StatelessKieSession session = kieBase.newStatelessKieSession();
            session.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
                    topic[0] |= event.getObject() instanceof org.ketaminecds.spi.KetamineTopic;
                }
            });
            session.execute(read);
            return topic[0];
        }
    }

    /** The default rule base of the given class loader, loaded on first use and then shared. */
    static RuleBase load(ClassLoader classLoader) {
        return load(classLoader, KIE_BASE);
    }

    /** A named knowledge base of the given class loader, loaded on first use and then shared. */
    static RuleBase load(ClassLoader classLoader, String kieBaseName) {
        return LOADED.computeIfAbsent(new Key(classLoader, kieBaseName), k -> create(k.classLoader(), k.kieBase()));
    }

    private static RuleBase create(ClassLoader classLoader, String kieBaseName) {
        long start = System.nanoTime();
        KieBase kieBase;
        try {
            kieBase =
                    MODULES.computeIfAbsent(classLoader, KnowledgeModules::scan).build(kieBaseName);
        } catch (RuleSetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RuleSetException(
                    "the knowledge base '" + kieBaseName + "' could not be loaded; is the "
                            + "ketamine-cds-rules jar on the class path? (" + e.getMessage() + ")",
                    e);
        }
        List<RuleDescription> rules = new ArrayList<>();
        int ours = 0;
        int gateRules = 0;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.add(describe(pkg.getName(), rule));
                ours += pkg.getName().startsWith(PACKAGE_PREFIX) ? 1 : 0;
                gateRules += TOPIC_GATE.equals(String.valueOf(rule.getMetaData().get("gate"))) ? 1 : 0;
            }
        }
        if (ours == 0) {
            throw new RuleSetException("the knowledge base '" + kieBaseName + "' holds no rules under " + PACKAGE_PREFIX
                    + ": the rules jar was built without its DRL");
        }
        rules.sort(Comparator.comparing(RuleDescription::id));
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).id().equals(rules.get(i - 1).id())) {
                throw new RuleSetException("two rules have the id "
                        + rules.get(i).id() + ": '" + rules.get(i - 1).name() + "' and '"
                        + rules.get(i).name() + "'; a local rule needs an id of its own");
            }
        }
        Gate gate = gateRules > 0 ? Gate.build(MODULES.get(classLoader), kieBaseName, gateRules) : null;
        String version = readVersion(classLoader);
        LOG.debug(
                "Loaded rule set {} with {} rules in {} ms",
                version,
                rules.size(),
                (System.nanoTime() - start) / 1_000_000);
        return new RuleBase(kieBaseName, kieBase, version, rules, gate, gateRules > 0);
    }

    static RuleDescription describe(String packageName, Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        String name = rule.getName();
        String id = text(meta, "id", name);
        if (!name.startsWith(id + " ")) {
            throw new RuleSetException("rule '" + name + "': its name must start with its @id (" + id + ")");
        }
        String kind = text(meta, "kind", name);
        Indicator severity = null;
        if ("recommendation".equals(kind)) {
            String s = text(meta, "severity", name);
            try {
                severity = Indicator.fromCode(s);
            } catch (IllegalArgumentException e) {
                throw new RuleSetException("rule " + id + ": @severity " + e.getMessage());
            }
        } else if (!"classification".equals(kind)) {
            throw new RuleSetException(
                    "rule " + id + ": @kind must be classification or recommendation, was '" + kind + "'");
        }
        List<String> guidance = ids(text(meta, "guidance", name));
        List<String> evidence =
                meta.containsKey("evidence") ? ids(meta.get("evidence").toString()) : List.of();
        return new RuleDescription(
                id,
                name,
                packageName,
                kind,
                severity,
                guidance,
                evidence,
                text(meta, "source", name),
                text(meta, "confidence", name),
                meta.containsKey("topic") ? meta.get("topic").toString() : null,
                !packageName.startsWith(PACKAGE_PREFIX),
                meta.containsKey("hooks") ? ids(meta.get("hooks").toString()) : List.of());
    }

    private static List<String> ids(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String text(Map<String, Object> meta, String key, String ruleName) {
        Object value = meta.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new RuleSetException("rule '" + ruleName + "' has no @" + key + " metadata");
        }
        return value.toString().strip();
    }

    private static String readVersion(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new RuleSetException(VERSION_RESOURCE + " is missing from the rules jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("ruleset.version", "unknown");
        } catch (IOException e) {
            throw new RuleSetException("cannot read " + VERSION_RESOURCE, e);
        }
    }

    KieBase kieBase() {
        return kieBase;
    }

    /**
     * Whether any rule's pattern can match facts of this class. Parts of the context no pattern matches (vital signs
     * are read through the session context, say) are not inserted: inserting them would only cost time. If the
     * network cannot be inspected, every class counts as matched.
     */
    boolean matches(Class<?> type) {
        return matchedClasses.computeIfAbsent(type, t -> matches(matchedTypes, t));
    }

    /**
     * A pool of reusable stateful sessions of this knowledge base, for hosts that trade a little memory for speed.
     */
    SessionPool newSessionPool(int size) {
        return new SessionPool(kieBase.newKieSessionsPool(size));
    }

    /** Reusable stateful sessions; each is used by one thread at a time and returned on dispose. */
    record SessionPool(org.kie.api.runtime.KieSessionsPool pool) {
        org.kie.api.runtime.KieSession take() {
            return pool.newKieSession();
        }
    }

    String version() {
        return version;
    }

    /**
     * Whether this knowledge base has rules marked {@code @gate("ketamine-topic")}: then a record none of them
     * found to be about ketamine gets a silent evaluation.
     */
    boolean hasTopicGate() {
        return topicGate;
    }

    /** The topic rules alone, or null when this knowledge base has none or they share a package with other rules. */
    Gate gate() {
        return gate;
    }

    /** Every rule, sorted by id. */
    List<RuleDescription> rules() {
        return List.copyOf(byId.values());
    }

    RuleDescription byName(String ruleName) {
        return byName.get(ruleName);
    }

    RuleDescription byId(String id) {
        return byId.get(id);
    }
}
