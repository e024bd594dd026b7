package org.ketaminecds.hooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives validated feedback. The default writes a structured audit log line at INFO on the logger
 * {@code org.ketaminecds.audit} (no patient data); durable storage is a sink of the host's.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FeedbackSink {
    void accept(FeedbackEvent event);

    /** Logs each event as one structured line. */
    static FeedbackSink logging() {
        Logger audit = LoggerFactory.getLogger("org.ketaminecds.audit");
        // The card uuid is derived from the patient id, so it is logged at TRACE only; the store keeps a keyed hash.
        return e -> {
            audit.info(
                    "cds-feedback service={} outcome={} acceptedSuggestions={} overrideReason={} comment={} at={}",
                    e.serviceId(),
                    e.outcome(),
                    e.acceptedSuggestions().size(),
                    e.overrideReason(),
                    e.userCommentGiven() ? "given" : "none",
                    e.outcomeTimestamp());
            audit.trace("cds-feedback card={}", e.card());
        };
    }
}
