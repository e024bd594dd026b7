package org.ketaminecds.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.UncheckedMedication;

/**
 * Fluent assertions on one evaluation. Every failed assertion throws an {@link AssertionError} whose message lists
 * the cards produced, the status, the fired rules and the unchecked medications, so a failing policy check can be
 * read without a debugger.
 *
 * <pre>{@code
 * check.evaluate(context)
 *      .isComplete()
 *      .hasCard("MED-030").withIndicator(Indicator.INFO).mentioning("sertraline")
 *      .and().hasNoCard("MED-010")
 *      .hasNoCardAbove(Indicator.INFO);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Outcome {
    private final Evaluation evaluation;
    private final java.util.Set<String> ruleIds;
    private final String label;

    Outcome(Evaluation evaluation, java.util.Set<String> ruleIds) {
        this(evaluation, ruleIds, null);
    }

    private Outcome(Evaluation evaluation, java.util.Set<String> ruleIds, String label) {
        this.evaluation = evaluation;
        this.ruleIds = ruleIds;
        this.label = label;
    }

    /**
     * The same outcome with failure messages prefixed by {@code label} (e.g. a scenario id).
     *
     * @param label the prefix, e.g. a scenario id
     * @return a new outcome of the same evaluation
     */
    public Outcome as(String label) {
        return new Outcome(evaluation, ruleIds, label);
    }

    /**
     * A rule id an assertion names must exist in the evaluated rule set: otherwise "no card from X" would pass for a
     * misspelt or retired rule and test nothing.
     */
    private String known(String ruleId) {
        if (!ruleIds.contains(ruleId)) {
            throw new AssertionError((label == null ? "" : label + ": ") + "the assertion names rule " + ruleId
                    + ", which is not in rule set " + evaluation.ruleSetVersion());
        }
        return ruleId;
    }

    /**
     * The evaluation, for checks the kit does not offer.
     *
     * @return the evaluation these assertions are about
     */
    public Evaluation evaluation() {
        return evaluation;
    }

    /**
     * At least one card from {@code ruleId}; returns assertions on those cards.
     *
     * @param ruleId a rule of the evaluated rule set
     * @return assertions on that rule's cards
     * @throws AssertionError if the rule made no card, or is not in the rule set
     */
    public CardAssert hasCard(String ruleId) {
        known(ruleId);
        List<Card> cards = evaluation.cardsOf(ruleId);
        if (cards.isEmpty()) {
            fail("expected a card from " + ruleId);
        }
        return new CardAssert(ruleId, cards);
    }

    /**
     * No card from {@code ruleId}.
     *
     * @param ruleId a rule of the evaluated rule set
     * @return this outcome, for more assertions
     * @throws AssertionError if the rule made a card, or is not in the rule set
     */
    public Outcome hasNoCard(String ruleId) {
        known(ruleId);
        if (!evaluation.cardsOf(ruleId).isEmpty()) {
            fail("expected no card from " + ruleId);
        }
        return this;
    }

    /**
     * No card with an indicator more severe than {@code indicator} (e.g. {@code INFO}: only info cards).
     *
     * @param indicator the most severe indicator allowed
     * @return this outcome, for more assertions
     */
    public Outcome hasNoCardAbove(Indicator indicator) {
        for (Card c : evaluation.cards()) {
            if (c.indicator().compareTo(indicator) > 0) {
                fail("expected no card above " + indicator.code() + ", found " + c.ruleId() + " ("
                        + c.indicator().code() + ")");
            }
        }
        return this;
    }

    /**
     * No cards at all (and the evaluation complete: an incomplete evaluation is not "no alerts").
     *
     * @return this outcome, for more assertions
     */
    public Outcome hasNoCards() {
        isComplete();
        if (!evaluation.cards().isEmpty()) {
            fail("expected no cards");
        }
        return this;
    }

    /**
     * Every check ran.
     *
     * @return this outcome, for more assertions
     */
    public Outcome isComplete() {
        return hasStatus(EvaluationStatus.COMPLETE);
    }

    /**
     * Some check could not run (missing input); see {@link Evaluation#notEvaluated()}.
     *
     * @return this outcome, for more assertions
     */
    public Outcome isIncomplete() {
        return hasStatus(EvaluationStatus.INCOMPLETE);
    }

    /**
     * The record is not about ketamine (no session today, no course on record, no ketamine order that could not be
     * evaluated), so the evaluation is silent: no card, nothing listed as not evaluated, complete.
     *
     * @return this outcome, for more assertions
     */
    public Outcome isSilent() {
        if (evaluation.aboutKetamine()) {
            fail("expected a silent evaluation (not about ketamine), but the record is about ketamine: "
                    + evaluation.ketamineTopic());
        }
        if (!evaluation.cards().isEmpty() || !evaluation.notEvaluated().isEmpty()) {
            fail("expected a silent evaluation: no card and nothing listed as not evaluated");
        }
        return hasStatus(EvaluationStatus.COMPLETE);
    }

    private Outcome hasStatus(EvaluationStatus status) {
        if (evaluation.status() != status) {
            fail("expected status " + status.name().toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /**
     * {@code ruleId} fired (whether or not it makes a card, e.g. a classification rule).
     *
     * @param ruleId a rule of the evaluated rule set
     * @return this outcome, for more assertions
     */
    public Outcome fired(String ruleId) {
        known(ruleId);
        if (!evaluation.firedRules().contains(ruleId)) {
            fail("expected " + ruleId + " to fire");
        }
        return this;
    }

    /**
     * Exactly these medication entries could not be checked (order ignored).
     *
     * @param entries the medication entries as written in the input
     * @return this outcome, for more assertions
     */
    public Outcome hasExactlyUnchecked(List<String> entries) {
        List<String> actual = evaluation.uncheckedMedications().stream()
                .map(UncheckedMedication::entry)
                .sorted()
                .toList();
        if (!actual.equals(entries.stream().sorted().toList())) {
            fail("expected unchecked medications " + entries);
        }
        return this;
    }

    void fail(String message) {
        throw new AssertionError(
                (label == null ? "" : label + ": ") + message + "; produced:\n" + describe(evaluation));
    }

    /**
     * The cards, status, fired rules and unchecked medications of an evaluation, one card per line.
     *
     * @param result an evaluation
     * @return a multi-line description for failure messages
     */
    public static String describe(Evaluation result) {
        List<String> lines = new ArrayList<>();
        for (Card c : result.cards()) {
            lines.add("  [" + c.indicator().code() + "] " + c.ruleId() + ": " + c.summary());
        }
        if (lines.isEmpty()) {
            lines.add("  (no cards)");
        }
        lines.add("  status " + result.status().name().toLowerCase(Locale.ROOT) + ", fired " + result.firedRules()
                + ", unchecked "
                + result.uncheckedMedications().stream()
                        .map(UncheckedMedication::entry)
                        .toList()
                + ", policy " + result.policyName() + " " + result.policyHash());
        return String.join("\n", lines);
    }

    /**
     * Assertions on the cards of one rule.
     *
     * @since 0.1.0
     */
    public final class CardAssert {
        private final String ruleId;
        private final List<Card> cards;

        private CardAssert(String ruleId, List<Card> cards) {
            this.ruleId = ruleId;
            this.cards = cards;
        }

        /**
         * Every card of the rule has {@code indicator}.
         *
         * @param indicator the expected indicator
         * @return these assertions, for more
         */
        public CardAssert withIndicator(Indicator indicator) {
            for (Card c : cards) {
                if (c.indicator() != indicator) {
                    fail("expected " + ruleId + " cards to be " + indicator.code() + ", one is "
                            + c.indicator().code());
                }
            }
            return this;
        }

        /**
         * Some card of the rule mentions {@code text} (ignoring case) in what the rule concluded: its summary, its
         * detail above the provenance line, or the facts it was based on. The provenance line (rule, guidance,
         * source, rule set, policy) is not searched: it is the same for every card of a rule and would make "mentions
         * SPRAVATO" pass for any card whose source is the SPRAVATO label.
         *
         * @param text the text to look for, ignoring case
         * @return these assertions, for more
         */
        public CardAssert mentioning(String text) {
            String wanted = text.toLowerCase(Locale.ROOT);
            if (cards.stream()
                    .noneMatch(c -> concluded(c).toLowerCase(Locale.ROOT).contains(wanted))) {
                fail("expected a " + ruleId + " card mentioning '" + text + "'");
            }
            return this;
        }

        /**
         * No card of the rule mentions {@code text} (ignoring case) in what the rule concluded (as
         * {@link #mentioning(String)} searches it), e.g. an IV series' relapse time on an esketamine card.
         *
         * @param text the text that must be absent, ignoring case
         * @return these assertions, for more
         */
        public CardAssert notMentioning(String text) {
            String unwanted = text.toLowerCase(Locale.ROOT);
            if (cards.stream()
                    .anyMatch(c -> concluded(c).toLowerCase(Locale.ROOT).contains(unwanted))) {
                fail("expected no " + ruleId + " card mentioning '" + text + "'");
            }
            return this;
        }

        private static String concluded(Card c) {
            String detail = c.detail();
            int footer = detail.lastIndexOf("**Rule:** ");
            return c.summary() + "\n" + (footer < 0 ? detail : detail.substring(0, footer)) + "\n"
                    + String.join("\n", c.explanation().facts());
        }

        /**
         * The rule made exactly {@code count} cards.
         *
         * @param count the expected number of cards
         * @return these assertions, for more
         */
        public CardAssert times(int count) {
            if (cards.size() != count) {
                fail("expected " + count + " card(s) from " + ruleId + ", found " + cards.size());
            }
            return this;
        }

        /**
         * The rule's cards are explained as a local rule of the site.
         *
         * @return these assertions, for more
         */
        public CardAssert isLocal() {
            if (cards.stream().anyMatch(c -> !c.explanation().local())) {
                fail("expected " + ruleId + " cards to come from a local rule");
            }
            return this;
        }

        /**
         * The cards of the rule.
         *
         * @return the cards, in the evaluation's order
         */
        public List<Card> cards() {
            return cards;
        }

        /**
         * Back to the whole outcome.
         *
         * @return the outcome these cards belong to
         */
        public Outcome and() {
            return Outcome.this;
        }
    }
}
