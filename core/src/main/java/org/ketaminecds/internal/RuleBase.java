package org.ketaminecds.internal;

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
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.ketaminecds.RuleDescription;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.cds.Indicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled rule set: one shared, thread-safe {@link KieBase} per class loader, with its verified rule
 * catalogue. Loading fails fast with a {@link RuleSetException} if the knowledge base is missing, empty, or holds
 * a rule without the required metadata. Not part of the public API.
 */
public final class RuleBase {
    /** The knowledge base name in the rules jar's {@code META-INF/kmodule.xml}. */
    public static final String KIE_BASE = "ketamineCds";
    /** Rule packages start with this. */
    public static final String PACKAGE_PREFIX = "org.ketaminecds.rules";
    static final String VERSION_RESOURCE = "org/ketaminecds/rules/ruleset.properties";

    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);
    private static final Map<ClassLoader, RuleBase> LOADED = new ConcurrentHashMap<>();

    private final KieBase kieBase;
    private final String version;
    private final Map<String, RuleDescription> byName;
    private final Map<String, RuleDescription> byId;

    private RuleBase(KieBase kieBase, String version, List<RuleDescription> rules) {
        this.kieBase = kieBase;
        this.version = version;
        Map<String, RuleDescription> names = new LinkedHashMap<>();
        Map<String, RuleDescription> ids = new LinkedHashMap<>();
        for (RuleDescription rule : rules) {
            names.put(rule.name(), rule);
            RuleDescription clash = ids.put(rule.id(), rule);
            if (clash != null) {
                throw new RuleSetException("rule id " + rule.id() + " is used by both '" + clash.name() + "' and '"
                        + rule.name() + "'");
            }
        }
        this.byName = Map.copyOf(names);
        this.byId = java.util.Collections.unmodifiableMap(ids);
    }

    /** The rule base of the given class loader, loaded on first use and then shared. */
    public static RuleBase load(ClassLoader classLoader) {
        return LOADED.computeIfAbsent(classLoader, RuleBase::create);
    }

    private static RuleBase create(ClassLoader classLoader) {
        long start = System.nanoTime();
        KieBase kieBase;
        try {
            kieBase = KieServices.get().getKieClasspathContainer(classLoader).getKieBase(KIE_BASE);
        } catch (RuntimeException e) {
            throw new RuleSetException("the knowledge base '" + KIE_BASE + "' could not be loaded; is the "
                    + "ketamine-cds-rules jar on the class path? (" + e.getMessage() + ")", e);
        }
        if (kieBase == null) {
            throw new RuleSetException("the knowledge base '" + KIE_BASE + "' was not found; add the ketamine-cds-rules jar");
        }
        List<RuleDescription> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            if (!pkg.getName().startsWith(PACKAGE_PREFIX)) {
                continue;
            }
            for (Rule rule : pkg.getRules()) {
                rules.add(describe(pkg.getName(), rule));
            }
        }
        if (rules.isEmpty()) {
            throw new RuleSetException("the knowledge base '" + KIE_BASE + "' holds no rules under " + PACKAGE_PREFIX
                    + ": the rules jar was built without its DRL");
        }
        rules.sort(Comparator.comparing(RuleDescription::id));
        String version = readVersion(classLoader);
        LOG.debug("Loaded rule set {} with {} rules in {} ms", version, rules.size(), (System.nanoTime() - start) / 1_000_000);
        return new RuleBase(kieBase, version, rules);
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
            throw new RuleSetException("rule " + id + ": @kind must be classification or recommendation, was '" + kind + "'");
        }
        List<String> guidance = Arrays.stream(text(meta, "guidance", name).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new RuleDescription(id, name, packageName, kind, severity, guidance, text(meta, "source", name),
                text(meta, "confidence", name), meta.containsKey("topic") ? meta.get("topic").toString() : null);
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

    public KieBase kieBase() {
        return kieBase;
    }

    public String version() {
        return version;
    }

    /** Every rule, sorted by id. */
    public List<RuleDescription> rules() {
        return List.copyOf(byId.values());
    }

    public RuleDescription byName(String ruleName) {
        return byName.get(ruleName);
    }

    public RuleDescription byId(String id) {
        return byId.get(id);
    }
}
