package org.ketaminecds.cds;

import java.util.List;
import java.util.Objects;

/**
 * A check that could not run because input it needs was not provided. An evaluation with any of these is
 * {@link EvaluationStatus#INCOMPLETE}; where the clinician can act on it (obtain the medication list, record a rating
 * scale) a card says so as well.
 *
 * @param check the check, e.g. {@code medication-interactions}
 * @param reason what was missing
 * @param topics the card topics whose rules could not run because of it (e.g. {@code medication-interaction}); a
 *     service that shows only some topics reports the checks that touch them
 * @since 0.1.0
 */
public record NotEvaluated(String check, String reason, List<String> topics) {
    /** The medication list was not provided (or not all of it could be read): interactions were not checked. */
    public static final String MEDICATION_INTERACTIONS = "medication-interactions";
    /** No rating scale to judge the response trajectory on. */
    public static final String RESPONSE_TRAJECTORY = "response-trajectory";
    /** A discharge criterion has no rule in this knowledge base to judge it: discharge readiness cannot be confirmed. */
    public static final String DISCHARGE_CRITERIA = "discharge-criteria";
    /** No suicide screen (PHQ-9 item 9 or C-SSRS): emergent suicidality cannot be checked. */
    public static final String SUICIDE_SCREEN = "suicide-screen";
    /**
     * A ketamine or esketamine order in the request that could not be evaluated (about another patient, or its
     * medicine not identified): the record is about ketamine, and this order was not checked.
     */
    public static final String KETAMINE_ORDER = "ketamine-order";

    public NotEvaluated {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /**
     * A check that touches the given card topics.
     *
     * @param check the check
     * @param reason what was missing
     * @param topics the card topics it touches
     */
    public NotEvaluated(String check, String reason, String... topics) {
        this(check, reason, List.of(topics));
    }

    /**
     * Whether this check touches any of the given topics.
     *
     * @param shownTopics card topics
     * @return whether the check touches any of them
     */
    public boolean touches(java.util.Collection<String> shownTopics) {
        return topics.stream().anyMatch(shownTopics::contains);
    }
}
