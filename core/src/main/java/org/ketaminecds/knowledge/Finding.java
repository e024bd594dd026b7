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
 * @since 0.1.0
 */
public record Finding(String key, String summary, String action, String rationale, List<String> facts) {
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rationale, "rationale");
        facts = List.copyOf(facts);
    }

    public static Finding of(String key, String summary, String action, String rationale, List<String> facts) {
        return new Finding(key, summary, action, rationale, facts);
    }

    public static Finding of(String key, String summary, String action, String rationale, String fact) {
        return new Finding(key, summary, action, rationale, List.of(fact));
    }
}
