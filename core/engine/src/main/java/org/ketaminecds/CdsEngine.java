package org.ketaminecds;

import java.util.List;
import java.util.Objects;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.spi.KnowledgeSupport;

/**
 * The Ketamine CDS engine: evaluates a {@link SessionContext} against the bundled rules and returns CDS Hooks
 * cards that say what to do, why and from which source.
 *
 * <p><b>Thread safety.</b> An engine is immutable and thread-safe: build it once at start-up and share it. Each
 * {@link #evaluate} call runs in its own rule session (by default a pooled one, reset after the call and used by that
 * call alone; with {@link Builder#sessionPool} 0 a new stateless one); nothing mutable is shared between concurrent
 * calls. The compiled knowledge
 * base is loaded once per class loader and shared by every engine.
 *
 * <p><b>Failing safe.</b> Invalid input never yields an empty result: it is rejected with an
 * {@link org.ketaminecds.fact.InvalidFactException} when the context is built (or parsed). An evaluation that cannot run throws
 * {@link EvaluationException}. A check that lacks its input (for example, no medication list) says so in a card
 * and in {@link org.ketaminecds.cds.Evaluation#notEvaluated()}, and the result's status is {@link org.ketaminecds.cds.EvaluationStatus#INCOMPLETE}.
 *
 * <pre>{@code
 * CdsEngine engine = CdsEngine.builder().policy(SitePolicy.defaults()).build();
 * Evaluation result = engine.evaluate(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CdsEngine {
    private final DroolsEvaluator evaluator;
    private final SitePolicy policy;
    private final Builder settings;

    private CdsEngine(DroolsEvaluator evaluator, SitePolicy policy, Builder settings) {
        this.evaluator = evaluator;
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * An engine with the bundled rules and the default site policy.
     *
     * @return the engine (immutable, thread-safe: build it once per process)
     * @throws RuleSetException if the rules cannot be loaded
     */
    public static CdsEngine create() {
        return builder().build();
    }

    /**
     * A builder with the defaults: the bundled rules, the shipped site policy, a session pool of one session per processor.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder preset with this engine's configuration (e.g. to build the same engine with another policy).
     *
     * @return a new builder with this engine's settings
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * Evaluates one session context.
     *
     * @param context the validated input; its {@code asOf} is the evaluation instant
     * @return the cards and the evaluation's status, never null
     * @throws EvaluationException if the rules could not be evaluated (the session was not checked)
     */
    public Evaluation evaluate(SessionContext context) {
        Objects.requireNonNull(context, "context");
        return evaluator.evaluate(context, List.of(), rule -> true);
    }

    /**
     * Evaluates one session context with checks the caller already knows cannot run on the whole record (for example
     * the FHIR reader's {@code FhirReadResult.notEvaluated()}: a search result with pages that were not sent).
     * They are listed in the result, make it incomplete, and are shown on the completeness card.
     *
     * @throws EvaluationException if the rules could not be evaluated (the session was not checked)
     *
     * @param context the session context
     * @param knownGaps checks the caller knows could not run
     * @return the evaluation
     */
    public Evaluation evaluate(SessionContext context, List<NotEvaluated> knownGaps) {
        Objects.requireNonNull(context, "context");
        return evaluator.evaluate(context, List.copyOf(knownGaps), rule -> true);
    }

    /**
     * As {@link #evaluate(SessionContext, List)}, building cards only for the rules {@code shown} accepts (a CDS Hooks
     * service shows some topics only; the others' cards would be built for nothing). Every rule still runs, and every
     * fired rule is listed.
     *
     * @param context the session context
     * @param knownGaps checks the caller knows could not run
     * @param shown which rules' cards to build
     * @return the evaluation (cards of the shown rules only)
     * @throws EvaluationException if the rules could not be evaluated (the session was not checked)
     */
    public Evaluation evaluate(
            SessionContext context, List<NotEvaluated> knownGaps, java.util.function.Predicate<RuleDescription> shown) {
        Objects.requireNonNull(context, "context");
        return evaluator.evaluate(context, List.copyOf(knownGaps), Objects.requireNonNull(shown, "shown"));
    }

    /**
     * The facts of one type that the rules derive for a context and hold at the end of the evaluation (a fact a rule
     * replaced, such as a trajectory before its verdicts, is not among them), in the order they were inserted: what a
     * classification rule decided (the knowledge module's derived facts, such as its suicidality signals), for a view
     * of the record that must show the rules' decision rather than decide again. Runs the rules once more; cards are
     * not built.
     *
     * @param context the session context
     * @param type the derived fact's class (as the rules' class loader sees it)
     * @param <T> the type
     * @return the derived facts of that type, possibly empty
     * @throws EvaluationException if the rules could not be evaluated
     */
    public <T> List<T> derived(SessionContext context, Class<T> type) {
        Objects.requireNonNull(context, "context");
        return evaluator.derived(context, Objects.requireNonNull(type, "type"));
    }

    /**
     * The content hash of the site policy in force ({@code sha256:...}), as cards show it.
     *
     * @return {@code sha256:} and 64 hex digits
     */
    public String policyHash() {
        return evaluator.policyHash();
    }

    /**
     * How this engine's rules recognise medicines (the rules artifact's drug-class table with the site policy's local
     * drugs): give it to the FHIR reader ({@code ketamine-cds-fhir}) so that reading and evaluating agree.
     *
     * @return the vocabulary the engine recognises medication entries with
     */
    public org.ketaminecds.spi.MedicationVocabulary medications() {
        return evaluator.medications();
    }

    /**
     * The version of the loaded rule set.
     *
     * @return the rules jar's version, as cards show it
     */
    public String ruleSetVersion() {
        return evaluator.ruleBase().version();
    }

    /**
     * Every loaded rule with its metadata, sorted by id.
     *
     * @return every rule of the knowledge base, with its metadata
     */
    public List<RuleDescription> rules() {
        return evaluator.ruleBase().rules();
    }

    /**
     * The site policy this engine applies.
     *
     * @return the site policy in force
     */
    public SitePolicy policy() {
        return policy;
    }

    /**
     * Configures an engine. Not thread-safe; the engine it builds is.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private SitePolicy policy = SitePolicy.defaults();
        private ClassLoader classLoader = CdsEngine.class.getClassLoader();
        private String knowledgeBase = RuleBase.KIE_BASE;
        private int sessionPool = Math.max(2, Runtime.getRuntime().availableProcessors());

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.policy = policy;
            b.classLoader = classLoader;
            b.knowledgeBase = knowledgeBase;
            b.sessionPool = sessionPool;
            return b;
        }

        /**
         * The site policy (default {@link SitePolicy#defaults()}).
         *
         * @param value the site policy
         * @return this builder
         */
        public Builder policy(SitePolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * The class loader that holds the rules jar (default: this library's).
         *
         * @param value the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /**
         * The knowledge base to evaluate (default {@code ketamineCds}, every bundled rule). The rules jar also has
         * {@code ketamineCdsMedication} (the medication topic alone); a site's own kjar may define one that includes
         * ours and adds local rules.
         *
         * @param name the knowledge base's name in a {@code kmodule.xml}
         * @return this builder
         */
        public Builder knowledgeBase(String name) {
            this.knowledgeBase = Objects.requireNonNull(name, "knowledgeBase");
            return this;
        }

        /**
         * Evaluate in stateful sessions taken from a pool of {@code size} (reset and returned after each call; the pool
         * grows when more threads evaluate at once) instead of a new stateless session per call, which must build its
         * rule-network memory again each time (measured: a quarter of a typical evaluation). Each pooled session is
         * used by one thread at a time. The default is the number of processors; 0 switches pooling off.
         *
         * @param size sessions in the pool; 0 for none
         * @return this builder
         */
        public Builder sessionPool(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("sessionPool must be 0 or more, was " + size);
            }
            this.sessionPool = size;
            return this;
        }

        /**
         * Loads (or reuses) the knowledge base and verifies it and the policy.
         *
         * @throws RuleSetException if the rules cannot be loaded, or the policy names unknown rules
         *
         * @return the engine
         */
        public CdsEngine build() {
            RuleBase ruleBase = RuleBase.load(classLoader, knowledgeBase);
            KnowledgeSupport.Prepared support = Support.load(classLoader).prepare(policy);
            return new CdsEngine(new DroolsEvaluator(ruleBase, policy, support, sessionPool), policy, copy());
        }
    }

    /** The rules artifact's {@link KnowledgeSupport}, found once per class loader. */
    static final class Support {
        private static final java.util.Map<ClassLoader, KnowledgeSupport> LOADED =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Support() {}

        static KnowledgeSupport load(ClassLoader classLoader) {
            return LOADED.computeIfAbsent(classLoader, cl -> {
                List<KnowledgeSupport> found = new java.util.ArrayList<>();
                java.util.ServiceLoader.load(KnowledgeSupport.class, cl).forEach(found::add);
                if (found.size() != 1) {
                    throw new RuleSetException("expected one " + KnowledgeSupport.class.getName()
                            + " registered by the rules artifact (ketamine-cds-rules) on the class path, found "
                            + found.stream().map(k -> k.getClass().getName()).toList());
                }
                return found.get(0);
            });
        }
    }
}
