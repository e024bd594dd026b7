package org.ketaminecds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.spi.KetamineTopic;
import org.ketaminecds.spi.KnowledgeSupport;
import org.ketaminecds.spi.MedicationVocabulary;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a session context against the shared knowledge base: a new stateless session per call (or, if the host
 * asks for it, a stateful session from a pool, reset on return), the context
 * and its parts inserted as facts with the policy and the knowledge tables, findings collected by listeners and
 * turned into cards. Holds only immutable state, so it is thread-safe. Not part of the public API.
 */
final class DroolsEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(DroolsEvaluator.class);
    private static final Comparator<Card> CARD_ORDER = Comparator.comparing(Card::indicator)
            .reversed()
            .thenComparing(Card::ruleId)
            .thenComparing(Card::summary)
            // Two cards of one rule that say the same (e.g. two experiences of one kind): by their facts, so the
            // order never depends on the order the rules fired in.
            .thenComparing(c -> c.explanation().facts().toString());

    private final RuleBase ruleBase;
    private final SitePolicy policy;
    private final KnowledgeSupport.Prepared support;

    private final RuleBase.SessionPool pool;
    /** The topic rules alone, evaluated first; null when there are none or they cannot decide alone. */
    private final RuleBase.Gate gate;

    private final String policyHash;
    private final String policyLabel;
    /** The rules whose cards the policy drops: its disabled rules and the rules of its disabled topics. */
    private final java.util.Set<String> suppressedRules;

    /** @param poolSize 0 for a new stateless session per evaluation; more for a pool of reused stateful sessions */
    DroolsEvaluator(RuleBase ruleBase, SitePolicy policy, KnowledgeSupport.Prepared support, int poolSize) {
        this.ruleBase = ruleBase;
        this.pool = poolSize > 0 ? ruleBase.newSessionPool(poolSize) : null;
        this.policy = policy;
        this.support = support;
        for (String id : policy.disabledRules()) {
            requireRecommendation(id, "disabledRules");
        }
        for (String id : policy.indicatorOverrides().keySet()) {
            requireRecommendation(id, "indicatorOverrides");
        }
        java.util.Set<String> topics = new java.util.TreeSet<>();
        ruleBase.rules().forEach(r -> {
            if (r.topic() != null) {
                topics.add(r.topic());
            }
        });
        for (String topic : policy.disabledTopics()) {
            if (!topics.contains(topic)) {
                throw new RuleSetException("site policy '" + policy.name() + "': disabledTopics names '" + topic
                        + "', which is not a topic of rule set " + ruleBase.version() + " (topics: " + topics + ")");
            }
        }
        this.policyHash = org.ketaminecds.policy.PolicyHash.of(policy);
        this.policyLabel = policy.name() + " (" + policyHash + ")";
        java.util.Set<String> suppressed = new java.util.HashSet<>(policy.disabledRules());
        ruleBase.rules().stream()
                .filter(r -> r.topic() != null && policy.disabledTopics().contains(r.topic()))
                .forEach(r -> suppressed.add(r.id()));
        this.suppressedRules = java.util.Set.copyOf(suppressed);
        this.gate = usableGate(ruleBase, support);
    }

    /**
     * The knowledge base's topic rules, if they read only facts from the record: a topic rule that read a derived fact
     * would, evaluated alone, never see it and call a record silent that is about ketamine. Then every record runs
     * every rule, as without the shortcut, and the load says why.
     */
    private static RuleBase.Gate usableGate(RuleBase ruleBase, KnowledgeSupport.Prepared support) {
        RuleBase.Gate gate = ruleBase.gate();
        if (gate == null) {
            return null;
        }
        List<Class<?>> inputs = new ArrayList<>(RECORD_FACTS);
        support.referenceFacts().forEach(f -> inputs.add(f.getClass()));
        List<String> beyond = gate.readsBeyond(inputs);
        if (!beyond.isEmpty()) {
            LOG.warn(
                    "Rule set {}: topic rules read facts other rules derive ({}); every record runs every rule",
                    ruleBase.version(),
                    beyond);
            return null;
        }
        return gate;
    }

    /** What {@link #facts} inserts from a record, besides the knowledge support's reference facts. */
    private static final List<Class<?>> RECORD_FACTS = List.of(
            org.ketaminecds.cds.NotEvaluated.class,
            SitePolicy.class,
            SessionContext.class,
            org.ketaminecds.fact.Patient.class,
            org.ketaminecds.fact.Session.class,
            org.ketaminecds.fact.CoursePlan.class,
            org.ketaminecds.fact.Condition.class,
            org.ketaminecds.fact.Allergy.class,
            org.ketaminecds.fact.PriorSession.class,
            org.ketaminecds.fact.VitalSigns.class,
            org.ketaminecds.fact.SedationScore.class,
            org.ketaminecds.fact.DissociationScore.class,
            org.ketaminecds.fact.ChallengingExperience.class,
            org.ketaminecds.fact.Assessment.class,
            org.ketaminecds.fact.TherapyEngagement.class);

    private void requireRecommendation(String id, String key) {
        RuleDescription rule = ruleBase.byId(id);
        if (rule == null) {
            throw new RuleSetException("site policy '" + policy.name() + "': " + key + " names rule " + id
                    + ", which is not in rule set " + ruleBase.version());
        }
        if (!rule.isRecommendation()) {
            throw new RuleSetException("site policy '" + policy.name() + "': " + key + " names rule " + id
                    + ", a classification rule; only recommendation rules can be switched off or re-graded");
        }
    }

    /** The facts of {@code type} the rules insert and leave for this context (see {@link CdsEngine#derived}). */
    <T> List<T> derived(SessionContext context, Class<T> type) {
        List<T> out = new ArrayList<>();
        StatelessKieSession session = ruleBase.kieBase().newStatelessKieSession();
        session.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
                if (type.isInstance(event.getObject())) {
                    out.add(type.cast(event.getObject()));
                }
            }

            @Override
            public void objectDeleted(org.kie.api.event.rule.ObjectDeletedEvent event) {
                // A classification rule that refines a fact replaces it (e.g. a trajectory given its verdict):
                // only what is still there at the end was derived. Removed by identity, not by equality.
                Object gone = event.getOldObject();
                out.removeIf(o -> o == gone);
            }
        });
        try {
            session.execute(facts(context, List.of()));
        } catch (RuntimeException e) {
            throw new EvaluationException(
                    "the rules could not be evaluated (" + e.getClass().getSimpleName() + ")", e);
        }
        return out;
    }

    public Evaluation evaluate(
            SessionContext context,
            List<org.ketaminecds.cds.NotEvaluated> knownGaps,
            java.util.function.Predicate<org.ketaminecds.cds.RuleDescription> shown) {
        long start = System.nanoTime();
        Run run = new Run(ruleBase);
        List<Object> facts = facts(context, knownGaps);
        try {
            if (gate != null && !gate.opens(facts)) {
                // Not about ketamine: only the topic rules ran, and none fired.
                LOG.debug("Evaluated in {} us: not about ketamine, silent", (System.nanoTime() - start) / 1000);
                return silent(context);
            }
            if (pool == null) {
                StatelessKieSession session = ruleBase.kieBase().newStatelessKieSession();
                session.addEventListener(run.insertions);
                session.addEventListener(run.firings);
                session.execute(facts);
            } else {
                KieSession session = pool.take();
                try {
                    session.addEventListener(run.insertions);
                    session.addEventListener(run.firings);
                    for (Object fact : facts) {
                        session.insert(fact);
                    }
                    session.fireAllRules();
                } finally {
                    session.removeEventListener(run.insertions);
                    session.removeEventListener(run.firings);
                    session.dispose();
                }
            }
        } catch (RuntimeException e) {
            // The cause may quote patient data: keep it out of the message; callers may log the cause at TRACE.
            throw new EvaluationException(
                    "the rules could not be evaluated (" + e.getClass().getSimpleName()
                            + "); the session was NOT checked",
                    e);
        }
        List<String> topic = ruleBase.hasTopicGate()
                ? run.topics.stream()
                        .map(t -> t.basis() + ": " + t.reason())
                        .distinct()
                        .sorted()
                        .toList()
                : List.of(
                        KetamineTopic.ASSUMED + ": this knowledge base has no topic rules; every record is evaluated");
        List<Card> cards = new ArrayList<>();
        TreeSet<String> suppressed = new TreeSet<>();
        if (!topic.isEmpty()) {
            for (Run.Produced produced : distinct(run.findings)) {
                if (suppressedRules.contains(produced.rule().id())) {
                    suppressed.add(produced.rule().id());
                } else if (shown.test(produced.rule())) {
                    cards.add(Cards.card(
                            produced.rule(), produced.finding(), context, policy, policyLabel, ruleBase.version()));
                }
            }
        }
        cards.sort(CARD_ORDER);
        // Not about ketamine: silent. Nothing to say is said as nothing, not as checks that could not run.
        List<org.ketaminecds.cds.NotEvaluated> gaps = topic.isEmpty() ? List.of() : run.notEvaluated;
        Evaluation result = new Evaluation(
                context.asOf(),
                gaps.isEmpty() ? EvaluationStatus.COMPLETE : EvaluationStatus.INCOMPLETE,
                cards,
                gaps,
                topic.isEmpty() ? List.of() : run.unchecked,
                List.copyOf(run.fired),
                List.copyOf(suppressed),
                ruleBase.version(),
                policy.name(),
                policyHash,
                topic);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Evaluated in {} us: status {}, fired {}, cards {}, unchecked medications {}",
                    (System.nanoTime() - start) / 1000,
                    result.status(),
                    result.firedRules(),
                    cards.stream()
                            .map(c -> c.ruleId() + "/" + c.indicator().code())
                            .toList(),
                    result.uncheckedMedications().size());
        }
        if (LOG.isTraceEnabled()) {
            LOG.trace(
                    "Patient {}: card summaries {}",
                    context.patient().id(),
                    cards.stream().map(Card::summary).toList());
        }
        return result;
    }

    /** The answer for a record that is not about ketamine: no card, nothing listed as not evaluated. */
    private Evaluation silent(SessionContext context) {
        return new Evaluation(
                context.asOf(),
                EvaluationStatus.COMPLETE,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                ruleBase.version(),
                policy.name(),
                policyHash,
                List.of());
    }

    /**
     * One finding per rule and key: a rule that matched two equal-looking facts (two assessments at the same instant,
     * say) yields one card, chosen by content so that the result does not depend on the order of the input.
     */
    private static List<Run.Produced> distinct(List<Run.Produced> findings) {
        java.util.Map<String, Run.Produced> byKey = new java.util.LinkedHashMap<>();
        for (Run.Produced p : findings) {
            byKey.merge(
                    p.rule().id() + '\u0000' + p.finding().key(),
                    p,
                    (a, b) -> FINDING_ORDER.compare(a.finding(), b.finding()) <= 0 ? a : b);
        }
        return new ArrayList<>(byKey.values());
    }

    private static final Comparator<org.ketaminecds.spi.Finding> FINDING_ORDER = Comparator.comparing(
                    org.ketaminecds.spi.Finding::summary)
            .thenComparing(f -> f.facts().toString());

    private List<Object> facts(SessionContext c, List<org.ketaminecds.cds.NotEvaluated> knownGaps) {
        List<Object> facts = new ArrayList<>(
                16 + c.vitals().size() + c.assessments().size() + c.conditions().size());
        facts.addAll(knownGaps);
        facts.add(policy);
        facts.addAll(support.referenceFacts());
        facts.add(c);
        add(facts, c.patient());
        if (c.session() != null) {
            add(facts, c.session());
        }
        if (c.plan() != null) {
            add(facts, c.plan());
        }
        addAll(facts, c.conditions());
        addAll(facts, c.allergies());
        addAll(facts, c.priorSessions());
        addAll(facts, c.vitals());
        addAll(facts, c.sedation());
        addAll(facts, c.dissociation());
        addAll(facts, c.experiences());
        addAll(facts, c.assessments());
        addAll(facts, c.therapy());
        return facts;
    }

    /** Inserts a part only if some rule's pattern can match its type (the context carries it either way). */
    private void add(List<Object> facts, Object part) {
        if (ruleBase.matches(part.getClass())) {
            facts.add(part);
        }
    }

    private void addAll(List<Object> facts, List<?> parts) {
        if (!parts.isEmpty() && ruleBase.matches(parts.get(0).getClass())) {
            facts.addAll(parts);
        }
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }

    MedicationVocabulary medications() {
        return support.medications();
    }

    public String policyHash() {
        return policyHash;
    }
}
