package org.ketaminecds.hooks;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The course report link of the course-overview cards (see {@link ReportPublisher}). */
final class ReportLinks {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksHandler.class);

    private ReportLinks() {}

    /**
     * Publishes the course report of the shown cards and links each card to it; when the publisher offers a report but
     * not for this call, each card says so instead (the cards themselves are complete).
     */
    static void link(
            ReportPublisher reports,
            CdsService service,
            org.ketaminecds.fact.SessionContext context,
            Evaluation evaluation,
            List<Card> shown) {
        String url;
        String unavailable;
        try {
            url = reports.publish(service.id(), context, evaluation.withCards(shown));
            unavailable = null;
        } catch (ReportPublisher.Unavailable e) {
            url = null;
            unavailable = e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Service {}: the course report could not be published ({})",
                    service.id(),
                    e.getClass().getSimpleName());
            url = null;
            unavailable = "it could not be prepared";
        }
        if (url == null && unavailable == null) {
            return; // no report offered
        }
        org.ketaminecds.cds.Link link = url == null
                ? null
                : new org.ketaminecds.cds.Link("Course report: score trajectory, timeline and cards", url, "absolute");
        String note = unavailable == null
                ? null
                : "*No course report for this view: " + unavailable + ". These cards are complete without it.*";
        shown.replaceAll(c -> {
            List<org.ketaminecds.cds.Link> links = new ArrayList<>(c.links());
            if (link != null) {
                links.add(link);
            }
            String detail = note == null ? c.detail() : c.detail() == null ? note : c.detail() + "\n\n" + note;
            return new Card(
                    c.uuid(),
                    c.summary(),
                    detail,
                    c.indicator(),
                    c.source(),
                    c.suggestions(),
                    c.selectionBehavior(),
                    c.overrideReasons(),
                    links,
                    c.explanation());
        });
    }
}
