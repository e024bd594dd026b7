package org.ketaminecds.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * What a recommendation rule concludes, in words; the engine turns it into a CDS Hooks card and stamps it with
 * the rule's metadata (id, guidance, source, severity), so rule authors never repeat them in the right-hand side.
 *
 * @param key what the finding is about, unique within the rule for one evaluation (e.g. the ingredient); part of
 *     the card's uuid
 * @param summary one sentence under 140 characters
 * @param action what to do (markdown)
 * @param rationale why (markdown)
 * @param facts the triggering facts in words
 * @param suggestions labels of the suggestions the card offers (the first is the recommended one); may be empty
 * @since 0.1.0
 */
public record Finding(String key, String summary, String action, String rationale, List<String> facts,
        List<String> suggestions) {
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rationale, "rationale");
        facts = List.copyOf(facts);
        suggestions = List.copyOf(suggestions);
    }

    public static Finding of(String key, String summary, String action, String rationale, List<String> facts) {
        return new Finding(key, summary, action, rationale, facts, List.of());
    }

    public static Finding of(String key, String summary, String action, String rationale, String fact) {
        return new Finding(key, summary, action, rationale, List.of(fact), List.of());
    }

    /** A copy that offers these suggestions (the first is recommended); the clinician may accept at most one. */
    public Finding withSuggestions(String... labels) {
        return new Finding(key, summary, action, rationale, facts, List.of(labels));
    }
}
