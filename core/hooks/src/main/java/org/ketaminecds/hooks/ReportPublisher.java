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
     * Publishes the report and returns its absolute URL, or null if none was published.
     *
     * @param serviceId the service whose cards will link to it
     */
    String publish(String serviceId, SessionContext context, Evaluation evaluation);
}
