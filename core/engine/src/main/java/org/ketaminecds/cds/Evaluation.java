package org.ketaminecds.cds;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The result of one evaluation.
 *
 * @param asOf the evaluation instant of the input
 * @param status whether every check ran; {@link EvaluationStatus#INCOMPLETE} means some did not (see
 *     {@code notEvaluated}), so an absent card is not a negative finding there
 * @param cards CDS Hooks cards, most urgent first, then by rule id
 * @param notEvaluated checks that could not run, and why, ordered by check then reason (whatever order the rules
 *     found them in)
 * @param uncheckedMedications current medication entries not recognised, hence not checked for interactions
 * @param firedRules ids of every rule that fired (classification and recommendation), sorted
 * @param suppressedRules ids of recommendation rules that fired but that the site policy switched off, sorted
 * @param ruleSetVersion version of the rule set
 * @param policyName the site policy in force
 * @param policyHash the content hash of the site policy ({@code sha256:...}, see {@link org.ketaminecds.policy.PolicyHash})
 * @param ketamineTopic why the record is about ketamine, one entry per ground ({@code basis: reason}); empty when it is
 *     not (no session today, no course on record, no order that could not be evaluated): then the evaluation is
 *     silent, with no card and nothing listed as not evaluated
 * @since 0.1.0
 */
public record Evaluation(
        OffsetDateTime asOf,
        EvaluationStatus status,
        List<Card> cards,
        List<NotEvaluated> notEvaluated,
        List<UncheckedMedication> uncheckedMedications,
        List<String> firedRules,
        List<String> suppressedRules,
        String ruleSetVersion,
        String policyName,
        String policyHash,
        List<String> ketamineTopic) {

    public Evaluation {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(status, "status");
        cards = List.copyOf(cards);
        notEvaluated = notEvaluated.stream()
                .sorted(java.util.Comparator.comparing(NotEvaluated::check).thenComparing(NotEvaluated::reason))
                .toList();
        uncheckedMedications = List.copyOf(uncheckedMedications);
        firedRules = List.copyOf(firedRules);
        suppressedRules = List.copyOf(suppressedRules);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyHash, "policyHash");
        ketamineTopic = ketamineTopic == null ? List.of() : List.copyOf(ketamineTopic);
    }

    /**
     * Whether the record is about ketamine (see {@link #ketamineTopic()}).
     *
     * @return whether any ground for the ketamine topic was found
     */
    public boolean aboutKetamine() {
        return !ketamineTopic.isEmpty();
    }

    /**
     * Whether the record is about ketamine on one of the given grounds (a service may accept some only: the order
     * checks speak about a ketamine order, not about every order for a patient with a course).
     *
     * @param bases grounds, e.g. {@code session-today}
     * @return whether any ground of this evaluation is among them
     */
    public boolean aboutKetamineBy(java.util.Collection<String> bases) {
        return ketamineTopic.stream().anyMatch(t -> bases.contains(t.substring(0, t.indexOf(':'))));
    }
    /**
     * A copy showing only some of the cards (the rest of the result unchanged).
     *
     * @param shown the cards to show
     * @return a copy with those cards
     */
    public Evaluation withCards(List<Card> shown) {
        return new Evaluation(
                asOf,
                status,
                shown,
                notEvaluated,
                uncheckedMedications,
                firedRules,
                suppressedRules,
                ruleSetVersion,
                policyName,
                policyHash,
                ketamineTopic);
    }

    /**
     * This evaluation as a service that does not speak about this record returns it: no card, nothing listed as not
     * evaluated, no unchecked medicine, complete, and not about ketamine (for that service). The rules that fired stay
     * listed, for audit.
     *
     * @return the silent copy
     */
    public Evaluation silent() {
        return new Evaluation(
                asOf,
                EvaluationStatus.COMPLETE,
                List.of(),
                List.of(),
                List.of(),
                firedRules,
                suppressedRules,
                ruleSetVersion,
                policyName,
                policyHash,
                List.of());
    }

    /**
     * A copy that also lists checks the caller knows could not run on the whole record (for example a FHIR search
     * result with pages that were not sent); the status becomes incomplete when there are any. Checks already listed
     * are not repeated.
     *
     * @param more checks that could not run
     * @return a copy listing them, incomplete; or this evaluation when {@code more} is empty or the record is not about
     *     ketamine (a silent evaluation stays silent)
     */
    public Evaluation withNotEvaluated(List<NotEvaluated> more) {
        if (more.isEmpty() || !aboutKetamine()) {
            return this;
        }
        List<NotEvaluated> all = new java.util.ArrayList<>(notEvaluated);
        for (NotEvaluated n : more) {
            if (all.stream().noneMatch(x -> x.check().equals(n.check()))) {
                all.add(n);
            }
        }
        return new Evaluation(
                asOf,
                EvaluationStatus.INCOMPLETE,
                cards,
                all,
                uncheckedMedications,
                firedRules,
                suppressedRules,
                ruleSetVersion,
                policyName,
                policyHash,
                ketamineTopic);
    }

    /**
     * The cards of one indicator.
     *
     * @param indicator the indicator
     * @return the cards with that indicator
     */
    public List<Card> cards(Indicator indicator) {
        return cards.stream().filter(c -> c.indicator() == indicator).toList();
    }

    /**
     * The cards a rule produced.
     *
     * @param ruleId a rule id
     * @return the cards that rule produced
     */
    public List<Card> cardsOf(String ruleId) {
        return cards.stream().filter(c -> c.ruleId().equals(ruleId)).toList();
    }
}
