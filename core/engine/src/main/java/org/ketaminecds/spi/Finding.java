package org.ketaminecds.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a recommendation rule concludes, in words; the engine turns it into a CDS Hooks card and stamps it with
 * the rule's metadata (id, guidance, evidence, source, severity), so rule authors never repeat them in the
 * right-hand side.
 *
 * @param key what the finding is about, unique within the rule for one evaluation (e.g. the ingredient); part of
 *     the card's uuid
 * @param summary one sentence under 140 characters
 * @param action what to do (markdown)
 * @param rationale why (markdown)
 * @param facts the triggering facts in words
 * @param suggestions labels of the suggestions the card offers (the first is the recommended one); may be empty
 * @param gradedDown why this card is shown one step below the rule's severity (for example, the drug belongs to
 *     the interaction class by pharmacology only); null when it is shown at the rule's severity
 * @since 0.1.0
 */
public record Finding(
        String key,
        String summary,
        String action,
        String rationale,
        List<String> facts,
        List<String> suggestions,
        String gradedDown) {
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rationale, "rationale");
        facts = List.copyOf(facts);
        suggestions = List.copyOf(suggestions);
        if (gradedDown != null && gradedDown.isBlank()) {
            throw new IllegalArgumentException("gradedDown must say why, or be null");
        }
    }

    /**
     * Starts a finding about {@code key}; each part is then named in turn, so a rule reads
     * {@code Finding.about(key).summary(...).action(...).rationale(...).facts(...)} and no part can be left out or
     * swapped with another.
     *
     * @param key what the finding is about, unique within the rule for one evaluation (e.g. the ingredient)
     * @return the next step, which takes the summary
     * @since 0.4.0
     */
    public static SummaryStep about(String key) {
        Objects.requireNonNull(key, "key");
        return summary -> action -> rationale -> new FactsStep(key, summary, action, rationale);
    }

    /**
     * The five parts by position; {@link #about(String)} names them.
     *
     * @deprecated since 0.4.0: use {@code Finding.about(key).summary(...).action(...).rationale(...).facts(...)}
     *
     * @param key what the finding is about
     * @param summary one sentence
     * @param action what to do
     * @param rationale why
     * @param facts the triggering facts
     * @return the finding
     */
    @Deprecated(since = "0.4.0")
    public static Finding of(String key, String summary, String action, String rationale, List<String> facts) {
        return new Finding(key, summary, action, rationale, facts, List.of(), null);
    }

    /**
     * The five parts by position, with one fact; {@link #about(String)} names them.
     *
     * @deprecated since 0.4.0: use {@code Finding.about(key).summary(...).action(...).rationale(...).facts(...)}
     *
     * @param key what the finding is about
     * @param summary one sentence
     * @param action what to do
     * @param rationale why
     * @param fact the triggering fact
     * @return the finding
     */
    @Deprecated(since = "0.4.0")
    public static Finding of(String key, String summary, String action, String rationale, String fact) {
        return new Finding(key, summary, action, rationale, List.of(fact), List.of(), null);
    }

    /** Takes the summary: one sentence under 140 characters. */
    @FunctionalInterface
    public interface SummaryStep {
        /**
         * @param summary one sentence under 140 characters
         * @return the next step, which takes what to do
         */
        ActionStep summary(String summary);
    }

    /** Takes what to do. */
    @FunctionalInterface
    public interface ActionStep {
        /**
         * @param action what to do (markdown)
         * @return the next step, which takes why
         */
        RationaleStep action(String action);
    }

    /** Takes why. */
    @FunctionalInterface
    public interface RationaleStep {
        /**
         * @param rationale why (markdown)
         * @return the last step, which takes the facts
         */
        FactsStep rationale(String rationale);
    }

    /**
     * The last step: the triggering facts in words.
     *
     * @param key what the finding is about
     * @param summary one sentence
     * @param action what to do
     * @param rationale why
     */
    public record FactsStep(String key, String summary, String action, String rationale) {
        /**
         * @param facts the triggering facts in words, in the order shown
         * @return the finding
         */
        public Finding facts(List<String> facts) {
            return new Finding(key, summary, action, rationale, facts, List.of(), null);
        }

        /**
         * @param facts the triggering facts in words, in the order shown
         * @return the finding
         */
        public Finding facts(String... facts) {
            return facts(List.of(facts));
        }
    }

    /**
     * A copy that offers these suggestions (the first is recommended); the clinician may accept at most one.
     *
     * @param labels the suggestions' labels, the recommended one first
     * @return a copy with the suggestions
     */
    public Finding withSuggestions(String... labels) {
        return new Finding(key, summary, action, rationale, facts, List.of(labels), gradedDown);
    }

    /**
     * A copy shown one step below the rule's severity (critical to warning, warning to info; info stays info), with
     * the reason on the card; {@code reason} null leaves the finding as it is, so a rule can pass a computed reason.
     *
     * @param reason why, or null to leave the finding as it is
     * @return a copy graded down with the reason, or this finding
     */
    public Finding gradedDownBecause(String reason) {
        return reason == null ? this : new Finding(key, summary, action, rationale, facts, suggestions, reason);
    }
}
