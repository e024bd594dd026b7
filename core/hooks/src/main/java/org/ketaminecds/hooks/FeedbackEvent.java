package org.ketaminecds.hooks;

import java.time.Instant;
import java.util.List;

/**
 * One validated CDS Hooks feedback entry, as an audit event. It holds no patient data: the user comment, which is
 * free text, is kept out and only its presence is recorded.
 *
 * @param serviceId the service the feedback is for
 * @param card the card uuid
 * @param outcome {@code accepted} or {@code overridden}
 * @param acceptedSuggestions uuids of the accepted suggestions
 * @param overrideReason the override reason code (system|code), or null
 * @param userCommentGiven whether the user typed a comment
 * @param outcomeTimestamp when the outcome happened
 * @since 0.1.0
 */
public record FeedbackEvent(
        String serviceId,
        String card,
        String outcome,
        List<String> acceptedSuggestions,
        String overrideReason,
        boolean userCommentGiven,
        Instant outcomeTimestamp) {
    public FeedbackEvent {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }
}
