package org.ketaminecds.hooks;

import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;

/**
 * Publishes the course report of one evaluation so that the course-overview cards can link to it. The service's
 * implementation keeps the page under an unguessable, short-lived id; the link carries no patient identifier.
 *
 * @since 0.3.0
 */
@FunctionalInterface
public interface ReportPublisher {
    /** No report: cards carry no report link. */
    ReportPublisher NONE = (service, context, evaluation) -> null;

    /**
     * Publishes the report and returns its absolute URL, or null if this publisher offers none.
     *
     * @param serviceId the service whose cards will link to it
     * @throws Unavailable if a report is offered but not for this call (too large, memory short): the cards go out
     *     without the link and say, in words, that the report is unavailable
     */
    String publish(String serviceId, SessionContext context, Evaluation evaluation);

    /** A report offered, but not for this call; the message says why in a few words, with no patient data. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String why) {
            super(why, null, false, false); // expected under load: no stack trace to fill
        }
    }
}
