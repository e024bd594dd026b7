package org.ketaminecds.cds;

import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.Coding;

/**
 * A CDS Hooks 2.0 card. The constructor enforces the specification's constraints: a non-blank one-sentence
 * {@code summary} under 140 characters, an indicator, a source with a label, {@code selectionBehavior}
 * ({@code at-most-one} or {@code any}) whenever there are suggestions and only then, and a {@code display} on every
 * override reason.
 *
 * @param uuid card identifier, stable for the same rule, trigger, patient and {@code asOf}; sent back in feedback
 * @param summary one sentence, under 140 characters
 * @param detail GitHub-flavoured markdown: what to do, why, the facts, the rule and its source
 * @param indicator info, warning or critical
 * @param source the guidance source
 * @param suggestions options to accept; may be empty
 * @param selectionBehavior {@code at-most-one} or {@code any} when there are suggestions, else null
 * @param overrideReasons reasons a clinician may give for overriding, each with a display
 * @param links links to more information; may be empty
 * @param explanation why the card exists (sent in the card's extension)
 * @since 0.1.0
 */
public record Card(
        String uuid,
        String summary,
        String detail,
        Indicator indicator,
        Source source,
        List<Suggestion> suggestions,
        String selectionBehavior,
        List<Coding> overrideReasons,
        List<Link> links,
        Explanation explanation) {

    /** Maximum summary length: CDS Hooks asks for fewer than 140 characters. */
    public static final int MAX_SUMMARY = 139;

    public Card {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(summary, "summary");
        if (summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("card summary must be 1 to " + MAX_SUMMARY + " characters, was "
                    + summary.length() + ": " + summary);
        }
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(source, "source");
        suggestions = List.copyOf(suggestions);
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
        Objects.requireNonNull(explanation, "explanation");
        if (!suggestions.isEmpty() && !"at-most-one".equals(selectionBehavior) && !"any".equals(selectionBehavior)) {
            throw new IllegalArgumentException(
                    "selectionBehavior must be at-most-one or any when suggestions are present, was "
                            + selectionBehavior);
        }
        if (suggestions.isEmpty() && selectionBehavior != null) {
            throw new IllegalArgumentException("selectionBehavior is only allowed with suggestions");
        }
        for (Coding reason : overrideReasons) {
            if (reason.display() == null) {
                throw new IllegalArgumentException("override reason " + reason.code() + " needs a display");
            }
        }
    }

    /** The id of the rule that produced this card. */
    public String ruleId() {
        return explanation.ruleId();
    }
}
