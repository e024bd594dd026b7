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
public record Finding(String key, String summary, String action, String rationale, List<String> facts,
        List<String> suggestions, String gradedDown) {
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

    public static Finding of(String key, String summary, String action, String rationale, List<String> facts) {
        return new Finding(key, summary, action, rationale, facts, List.of(), null);
    }

    public static Finding of(String key, String summary, String action, String rationale, String fact) {
        return new Finding(key, summary, action, rationale, List.of(fact), List.of(), null);
    }

    /** A copy that offers these suggestions (the first is recommended); the clinician may accept at most one. */
    public Finding withSuggestions(String... labels) {
        return new Finding(key, summary, action, rationale, facts, List.of(labels), gradedDown);
    }

    /**
     * A copy shown one step below the rule's severity (critical to warning, warning to info; info stays info), with
     * the reason on the card; {@code reason} null leaves the finding as it is, so a rule can pass a computed reason.
     */
    public Finding gradedDownBecause(String reason) {
        return reason == null ? this : new Finding(key, summary, action, rationale, facts, suggestions, reason);
    }
}
