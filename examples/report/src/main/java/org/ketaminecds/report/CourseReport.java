package org.ketaminecds.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.knowledge.SuicidalitySignal;
import org.ketaminecds.policy.SitePolicy;

/**
 * The course report: one self-contained HTML page (no script, no external font, image or style; a
 * Content-Security-Policy that forbids loading anything; prints on A4) with the score trajectory as an inline SVG
 * chart, its data table, the course timeline, the evaluation's cards by urgency, and the provenance.
 *
 * <p>The chart is hand-written SVG rather than an inlined charting library: it is about 150 lines, needs no script
 * (so the page can forbid all scripts), and every element a reader relies on carries its value as a data attribute,
 * which the browser tests read back. Colours are the Okabe-Ito palette (distinguishable with colour-vision
 * deficiency) and each instrument also has its own marker shape and dash pattern, so the chart survives greyscale
 * printing.
 */
public final class CourseReport {
    static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CourseReport() {}

    /** The report of one evaluation of {@code context} by {@code engine}, naming the patient's id. */
    public static String html(CdsEngine engine, SessionContext context, Evaluation evaluation) {
        return html(engine, context, evaluation, true);
    }

    /**
     * The report; {@code withPatientId} false leaves the patient's id out (a report served by link: the clinician
     * opened it from the patient's chart, and the page should not identify the patient to whoever else holds it).
     * The suicidality marks are the ratings rule TRJ-004 classifies (the engine's derived signals), never a second
     * reading of the scores.
     */
    public static String html(CdsEngine engine, SessionContext context, Evaluation evaluation, boolean withPatientId) {
        java.util.Set<Assessment> flagged = new java.util.HashSet<>();
        for (SuicidalitySignal s : engine.derived(context, SuicidalitySignal.class)) {
            flagged.add(s.assessment());
        }
        return html(context, evaluation, engine.policy(), flagged, withPatientId);
    }

    private static String html(
            SessionContext context,
            Evaluation evaluation,
            SitePolicy policy,
            java.util.Set<Assessment> flagged,
            boolean withPatientId) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Ketamine course report</title><style>")
                .append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>Ketamine course report</h1>\n<p class=\"meta\">As of ")
                .append(esc(evaluation.asOf().toString()))
                .append(withPatientId ? " · patient " + esc(context.patient().id()) : "")
                .append("</p>\n");
        ScoreChart.chart(h, context, policy, flagged);
        dataTable(h, context);
        timeline(h, context);
        cards(h, evaluation);
        h.append("<footer><p>Ketamine CDS rule set ")
                .append(esc(evaluation.ruleSetVersion()))
                .append(" · site policy ")
                .append(esc(evaluation.policyName()))
                .append(" <code>")
                .append(esc(evaluation.policyHash()))
                .append("</code> · evaluated as of ")
                .append(esc(evaluation.asOf().toString()))
                .append(" · status ")
                .append(esc(evaluation.status().name().toLowerCase(Locale.ROOT)))
                .append("</p></footer>\n</body></html>\n");
        return h.toString();
    }

    private static void dataTable(StringBuilder h, SessionContext c) {
        List<Assessment> points = ScoreChart.scored(c);
        if (points.isEmpty()) {
            return;
        }
        h.append(
                        "<table class=\"data\"><caption>The chart's points</caption><thead><tr><th>Date</th><th>Instrument</th>")
                .append("<th>Total</th></tr></thead><tbody>\n");
        for (Assessment a : points) {
            h.append("<tr><td>")
                    .append(DAY.format(a.at()))
                    .append("</td><td>")
                    .append(esc(a.instrument().label()))
                    .append("</td><td>")
                    .append(a.total())
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void timeline(StringBuilder h, SessionContext c) {
        h.append(
                        "<h2>Course timeline</h2>\n<table class=\"timeline\"><thead><tr><th>Date</th><th>Session</th><th>Product</th>")
                .append("<th>Dose</th><th>Phase</th></tr></thead><tbody>\n");
        List<PriorSession> priors = new ArrayList<>(c.priorSessions());
        priors.sort(Comparator.comparing(PriorSession::at));
        for (PriorSession p : priors) {
            h.append("<tr><td>")
                    .append(DAY.format(p.at()))
                    .append("</td><td>")
                    .append(p.attendance() == Attendance.MISSED ? "missed" : "completed")
                    .append("</td><td>")
                    .append(p.product() == null ? "" : esc(product(p.product())))
                    .append("</td><td>")
                    .append(p.dose() == null ? "" : esc(dose(p.dose())))
                    .append("</td><td>")
                    .append(p.phase() == null ? "" : esc(p.phase().name().toLowerCase(Locale.ROOT)))
                    .append("</td></tr>\n");
        }
        if (c.session() != null) {
            h.append("<tr class=\"today\"><td>")
                    .append(
                            c.session().doseAt() == null
                                    ? "today"
                                    : DAY.format(c.session().doseAt()))
                    .append("</td><td>this evaluation</td><td>")
                    .append(
                            c.session().product() == null
                                    ? ""
                                    : esc(product(c.session().product())))
                    .append("</td><td>")
                    .append(
                            c.session().dose() == null
                                    ? ""
                                    : esc(dose(c.session().dose())))
                    .append("</td><td>")
                    .append(
                            c.session().phase() == null
                                    ? ""
                                    : esc(c.session().phase().name().toLowerCase(Locale.ROOT)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!c.therapy().isEmpty()) {
            h.append("<p>Therapy: ");
            List<String> parts = new ArrayList<>();
            for (TherapyEngagement t : c.therapy()) {
                parts.add(esc(t.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        + (t.start() == null ? "" : " since " + t.start())
                        + (t.lastContact() == null ? "" : ", last contact " + t.lastContact())
                        + (t.ongoing() ? " (ongoing)" : ""));
            }
            h.append(String.join("; ", parts)).append("</p>\n");
        }
    }

    private static void cards(StringBuilder h, Evaluation e) {
        h.append("<h2>Decision support</h2>\n");
        if (e.cards().isEmpty()) {
            h.append("<p class=\"none\">No card.</p>\n");
        }
        for (Indicator level : List.of(Indicator.CRITICAL, Indicator.WARNING, Indicator.INFO)) {
            List<Card> cards =
                    e.cards().stream().filter(c -> c.indicator() == level).toList();
            if (cards.isEmpty()) {
                continue;
            }
            h.append("<section class=\"cards ")
                    .append(level.code())
                    .append("\"><h3>")
                    .append(level.code().substring(0, 1).toUpperCase(Locale.ROOT))
                    .append(level.code().substring(1))
                    .append(" (")
                    .append(cards.size())
                    .append(")</h3>\n");
            for (Card c : cards) {
                h.append("<article class=\"card\" data-rule=\"")
                        .append(esc(c.ruleId()))
                        .append("\" data-indicator=\"")
                        .append(level.code())
                        .append("\"><h4>")
                        .append(esc(c.summary()))
                        .append("</h4>\n<p class=\"basis\">Based on: ")
                        .append(esc(String.join("; ", c.explanation().facts())))
                        .append("</p>\n<p class=\"source\">Rule ")
                        .append(esc(c.ruleId()))
                        .append(" · source: ")
                        .append(esc(c.explanation().source()))
                        .append(" (evidence ")
                        .append(esc(c.explanation().confidence()))
                        .append(")</p></article>\n");
            }
            h.append("</section>\n");
        }
        if (!e.notEvaluated().isEmpty()) {
            h.append("<p class=\"incomplete\">Not every check could run: ");
            List<String> gaps = new ArrayList<>();
            e.notEvaluated().forEach(n -> gaps.add(esc(n.check() + " (" + n.reason() + ")")));
            h.append(String.join("; ", gaps)).append("</p>\n");
        }
    }

    static String product(org.ketaminecds.fact.Product product) {
        return product.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String dose(org.ketaminecds.fact.SessionDose dose) {
        return org.ketaminecds.fact.Numbers.plain(dose.value()) + " "
                + dose.unit().name().toLowerCase(Locale.ROOT).replace("_per_", "/");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * HTML text and attribute escaping. Bidirectional overrides, zero-width characters and control characters are
     * removed: a patient's or a medicine's name from the record must not reorder or hide what the page shows around it.
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (invisible(ch)) {
                continue;
            }
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * Characters removed from every text the page shows (see {@link #esc}) and from the worklist's cells.
     *
     * @param c a character
     * @return whether it is a control, bidirectional or zero-width character
     */
    public static boolean invisible(char c) {
        return (c < ' ' && c != '\t' && c != '\n')
                || c == '\u007f'
                || (c >= '\u200B' && c <= '\u200F')
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2069')
                || c == '\uFEFF';
    }

    private static final String CSS = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
            + "max-width:760px;margin:1.5em auto;color:#111;line-height:1.4}h1{font-size:1.5em}h2{font-size:1.2em;"
            + "border-bottom:1px solid #999;margin-top:1.5em}.meta,footer{color:#444;font-size:.9em}table{border-collapse:"
            + "collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left;font-size:.9em}"
            + "figure{margin:0}figcaption{font-size:.85em;color:#333}.key{white-space:nowrap;margin-right:1em}"
            + ".card{border:1px solid #bbb;border-left-width:6px;padding:.3em .8em;margin:.5em 0;break-inside:avoid}"
            + ".critical .card{border-left-color:#000;border-left-style:double}.warning .card{border-left-color:#555}"
            + ".info .card{border-left-color:#bbb}.basis,.source{font-size:.85em;margin:.2em 0}h4{margin:.3em 0}"
            + ".incomplete{font-weight:bold}@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}}";
}
