package org.ketaminecds.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.knowledge.CourseEvidence;
import org.ketaminecds.knowledge.CourseReviews;
import org.ketaminecds.knowledge.InstrumentTrajectory;
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
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Okabe-Ito colours, marker shapes and dash patterns, one per instrument. */
    private static final Map<Instrument, String[]> STYLE = new EnumMap<>(Map.of(
            Instrument.PHQ_9, new String[] {"#0072B2", "circle", ""},
            Instrument.MADRS, new String[] {"#D55E00", "square", "6 3"},
            Instrument.QIDS_SR16, new String[] {"#009E73", "diamond", "2 2"},
            Instrument.GAD_7, new String[] {"#CC79A7", "triangle", "8 2 2 2"}));

    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 56;

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
        chart(h, context, policy, flagged);
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

    private static List<Assessment> scored(SessionContext c) {
        List<Assessment> list = new ArrayList<>();
        for (Assessment a : c.assessments()) {
            if (a.total() != null && STYLE.containsKey(a.instrument())) {
                list.add(a);
            }
        }
        list.sort(Comparator.comparing(Assessment::at)
                .thenComparing(a -> a.instrument().name()));
        return list;
    }

    private static Integer scaleMax(Instrument i) {
        return switch (i) {
            case PHQ_9 -> CourseEvidence.PHQ9_SCALE_MAX;
            case MADRS -> CourseEvidence.MADRS_SCALE_MAX;
            case QIDS_SR16 -> CourseEvidence.QIDS_SCALE_MAX;
            default -> null;
        };
    }

    private static void chart(StringBuilder h, SessionContext c, SitePolicy policy, java.util.Set<Assessment> flagged) {
        List<Assessment> points = scored(c);
        h.append("<h2>Score trajectory</h2>\n");
        List<String> signals = new ArrayList<>();
        for (Assessment a : c.assessments()) {
            if (!flagged.contains(a)) {
                continue; // the signals are TRJ-004's, as the engine derived them
            }
            String what = a.instrument() == Instrument.C_SSRS
                    ? "C-SSRS " + a.riskLevel().name().toLowerCase(Locale.ROOT) + " risk"
                    : a.instrument() == Instrument.MADRS && a.madrsItem10() != null
                            ? "MADRS item 10 = " + a.madrsItem10()
                            : "PHQ-9 item 9 = " + a.phq9Item9();
            signals.add(what + " on " + DAY.format(a.at()));
        }
        if (!signals.isEmpty()) {
            h.append("<p class=\"signals\"><strong>Suicidality signals:</strong> ")
                    .append(esc(String.join("; ", signals)))
                    .append("</p>\n");
        }
        if (points.isEmpty()) {
            h.append("<p class=\"none\">No depression rating is recorded: there is no trajectory to show.</p>\n");
            return;
        }
        List<Instant> sessions = new ArrayList<>();
        List<Instant> completed = new ArrayList<>();
        c.priorSessions().forEach(p -> {
            sessions.add(p.at());
            if (p.attendance() != Attendance.MISSED) {
                completed.add(p.at());
            }
        });
        if (c.session() != null && c.session().doseAt() != null) {
            sessions.add(c.session().doseAt());
            completed.add(c.session().doseAt());
        }
        Instant from = points.get(0).at();
        Instant to = points.get(points.size() - 1).at();
        for (Instant s : sessions) {
            from = s.isBefore(from) ? s : from;
            to = s.isAfter(to) ? s : to;
        }
        if (!to.isAfter(from)) {
            to = from.plusSeconds(86_400);
        }
        int yMax = 0;
        for (Assessment a : points) {
            Integer m = scaleMax(a.instrument());
            yMax = Math.max(yMax, m != null ? m : a.total());
        }
        yMax = Math.max(yMax, 1); // all scores 0 on an instrument without a known maximum: still a range
        Scale x = new Scale(from.getEpochSecond(), to.getEpochSecond(), LEFT, W - RIGHT);
        Scale y = new Scale(0, yMax, H - BOTTOM, TOP);
        h.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(W)
                .append(' ')
                .append(H)
                .append("\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\"")
                .append(" data-score-max=\"")
                .append(yMax)
                .append("\" data-y-zero=\"")
                .append(H - BOTTOM)
                .append("\" data-y-top=\"")
                .append(TOP)
                .append("\"><title id=\"chart-title\">Scores over the course; ")
                .append("the table below lists the same points</title>\n");
        // Early-course window: from the first completed session to the site's last early one (missed ones do not count,
        // as in the rules).
        List<Instant> ordered = new ArrayList<>(completed);
        ordered.sort(null);
        if (!ordered.isEmpty()) {
            Instant end = ordered.get(Math.min(ordered.size(), policy.earlyCourseSessions()) - 1);
            double x0 = x.at(ordered.get(0).getEpochSecond());
            double x1 = Math.max(x0 + 2, x.at(end.getEpochSecond()));
            h.append("<rect class=\"early\" x=\"")
                    .append(f(x0))
                    .append("\" y=\"")
                    .append(TOP)
                    .append("\" width=\"")
                    .append(f(x1 - x0))
                    .append("\" height=\"")
                    .append(H - BOTTOM - TOP)
                    .append("\" fill=\"#eeeeee\"")
                    .append(" data-sessions=\"")
                    .append(policy.earlyCourseSessions())
                    .append("\"><title>Early course: the first ")
                    .append(policy.earlyCourseSessions())
                    .append(" sessions</title></rect>\n");
        }
        // Axes and gridlines.
        h.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(H - BOTTOM)
                .append("\" x2=\"")
                .append(W - RIGHT)
                .append("\" y2=\"")
                .append(H - BOTTOM)
                .append("\" stroke=\"#000\"/>\n");
        int step = yMax > 30 ? 10 : 5;
        for (int v = 0; v <= yMax; v += step) {
            h.append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(f(y.at(v) + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">")
                    .append(v)
                    .append("</text><line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(W - RIGHT)
                    .append("\" y1=\"")
                    .append(f(y.at(v)))
                    .append("\" y2=\"")
                    .append(f(y.at(v)))
                    .append("\" stroke=\"#ddd\"/>\n");
        }
        // Reference lines of the primary instrument: baseline, 50% response, remission.
        List<InstrumentTrajectory> primary = CourseReviews.primary(c, policy);
        if (!primary.isEmpty()) {
            InstrumentTrajectory t = primary.get(0);
            int baseline = t.totals().get(0);
            reference(h, y, "baseline", baseline, t.instrument().label() + " baseline " + baseline, "#000", "");
            double response = baseline * (100 - CourseEvidence.RESPONSE_PERCENT) / 100.0;
            reference(
                    h,
                    y,
                    "response",
                    response,
                    "Response: " + CourseEvidence.RESPONSE_PERCENT + "% below baseline (" + f(response) + ")",
                    "#000",
                    "4 4");
            Integer remission = CourseReviews.remissionMax(t.instrument(), policy);
            if (remission != null) {
                reference(
                        h,
                        y,
                        "remission",
                        remission,
                        "Remission: " + t.instrument().label() + " " + remission + " or less",
                        "#555",
                        "1 3");
            }
        }
        // One line per instrument, each point with its value.
        for (Instrument i : STYLE.keySet()) {
            List<Assessment> mine =
                    points.stream().filter(a -> a.instrument() == i).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String[] style = STYLE.get(i);
            StringBuilder path = new StringBuilder();
            for (Assessment a : mine) {
                path.append(path.isEmpty() ? "M" : " L")
                        .append(f(x.at(a.at().getEpochSecond())))
                        .append(' ')
                        .append(f(y.at(a.total())));
            }
            h.append("<g class=\"series\" data-instrument=\"")
                    .append(esc(i.label()))
                    .append("\"><path d=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(style[0])
                    .append("\" stroke-width=\"2\"")
                    .append(style[2].isEmpty() ? "" : " stroke-dasharray=\"" + style[2] + "\"")
                    .append("/>\n");
            for (Assessment a : mine) {
                double px = x.at(a.at().getEpochSecond());
                double py = y.at(a.total());
                h.append("<g class=\"point\" data-instrument=\"")
                        .append(esc(i.label()))
                        .append("\" data-date=\"")
                        .append(DAY.format(a.at()))
                        .append("\" data-score=\"")
                        .append(a.total())
                        .append("\" data-cy=\"")
                        .append(f(py))
                        .append("\">")
                        .append(marker(style[1], px, py, style[0]))
                        .append("<title>")
                        .append(esc(i.label()))
                        .append(' ')
                        .append(a.total())
                        .append(" on ")
                        .append(DAY.format(a.at()))
                        .append("</title></g>\n");
            }
            h.append("</g>\n");
        }
        // Sessions along the bottom (missed ones hollow), suicidality signals along the top.
        List<PriorSession> priors = new ArrayList<>(c.priorSessions());
        for (PriorSession p : priors) {
            boolean missed = p.attendance() == Attendance.MISSED;
            double px = x.at(p.at().getEpochSecond());
            h.append("<g class=\"session")
                    .append(missed ? " missed" : "")
                    .append("\" data-date=\"")
                    .append(DAY.format(p.at()))
                    .append("\"><rect x=\"")
                    .append(f(px - 3))
                    .append("\" y=\"")
                    .append(H - BOTTOM + 6)
                    .append("\" width=\"6\" height=\"10\" fill=\"")
                    .append(missed ? "#fff" : "#000")
                    .append("\" stroke=\"#000\"/><title>")
                    .append(missed ? "Missed session " : "Session ")
                    .append(DAY.format(p.at()))
                    .append(p.product() == null ? "" : ", " + product(p.product()))
                    .append(p.dose() == null ? "" : ", " + dose(p.dose()))
                    .append("</title></g>\n");
        }
        if (c.session() != null && c.session().doseAt() != null) {
            double px = x.at(c.session().doseAt().getEpochSecond());
            h.append("<g class=\"session today\" data-date=\"")
                    .append(DAY.format(c.session().doseAt()))
                    .append("\"><rect x=\"")
                    .append(f(px - 3))
                    .append("\" y=\"")
                    .append(H - BOTTOM + 6)
                    .append("\" width=\"6\" height=\"10\" fill=\"#000\"/>")
                    .append("<title>Session ")
                    .append(DAY.format(c.session().doseAt()))
                    .append(" (this evaluation)</title></g>\n");
        }
        for (Assessment a : c.assessments()) {
            if (flagged.contains(a)) {
                double px = x.at(Math.max(x.min, Math.min(x.max, a.at().getEpochSecond())));
                h.append("<g class=\"suicidality\" data-date=\"")
                        .append(DAY.format(a.at()))
                        .append("\"><path d=\"M")
                        .append(f(px - 6))
                        .append(' ')
                        .append(TOP - 14)
                        .append(" L")
                        .append(f(px + 6))
                        .append(' ')
                        .append(TOP - 14)
                        .append(" L")
                        .append(f(px))
                        .append(' ')
                        .append(TOP - 2)
                        .append(" Z\" fill=\"#000\"/><title>Suicidality signal on ")
                        .append(DAY.format(a.at()))
                        .append("</title></g>\n");
            }
        }
        h.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(H - 8)
                .append("\" font-size=\"11\">")
                .append(DAY.format(from))
                .append("</text><text x=\"")
                .append(W - RIGHT)
                .append("\" y=\"")
                .append(H - 8)
                .append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(DAY.format(to))
                .append("</text>\n</svg>\n");
        h.append("<figcaption>")
                .append(legend(points))
                .append(" Shaded: the early course (the first ")
                .append(policy.earlyCourseSessions())
                .append(" sessions). Squares below the axis: sessions (hollow: missed). ")
                .append("Triangles above: suicidality signals.</figcaption></figure>\n");
    }

    private static String legend(List<Assessment> points) {
        StringBuilder l = new StringBuilder();
        for (Instrument i : STYLE.keySet()) {
            if (points.stream().anyMatch(a -> a.instrument() == i)) {
                String[] s = STYLE.get(i);
                l.append(
                                "<span class=\"key\"><svg width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">")
                        .append(marker(s[1], 7, 7, s[0]))
                        .append("</svg> ")
                        .append(esc(i.label()))
                        .append("</span> ");
            }
        }
        return l.toString();
    }

    private static void reference(
            StringBuilder h, Scale y, String kind, double score, String label, String colour, String dash) {
        double py = y.at(score);
        h.append("<g class=\"reference\" data-kind=\"")
                .append(kind)
                .append("\" data-score=\"")
                .append(f(score))
                .append("\"><line x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(W - RIGHT)
                .append("\" y1=\"")
                .append(f(py))
                .append("\" y2=\"")
                .append(f(py))
                .append("\" stroke=\"")
                .append(colour)
                .append('"')
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                .append("/><text x=\"")
                .append(W - RIGHT - 4)
                .append("\" y=\"")
                .append(f(py - 3))
                .append("\" text-anchor=\"end\" font-size=\"10\">")
                .append(esc(label))
                .append("</text></g>\n");
    }

    private static String marker(String shape, double x, double y, String colour) {
        return switch (shape) {
            case "square" ->
                "<rect x=\"" + f(x - 4) + "\" y=\"" + f(y - 4) + "\" width=\"8\" height=\"8\" fill=\"" + colour
                        + "\"/>";
            case "diamond" ->
                "<path d=\"M" + f(x) + " " + f(y - 5) + " L" + f(x + 5) + " " + f(y) + " L" + f(x) + " " + f(y + 5)
                        + " L" + f(x - 5) + " " + f(y) + " Z\" fill=\"" + colour + "\"/>";
            case "triangle" ->
                "<path d=\"M" + f(x) + " " + f(y - 5) + " L" + f(x + 5) + " " + f(y + 4) + " L" + f(x - 5) + " "
                        + f(y + 4) + " Z\" fill=\"" + colour + "\"/>";
            default -> "<circle cx=\"" + f(x) + "\" cy=\"" + f(y) + "\" r=\"4\" fill=\"" + colour + "\"/>";
        };
    }

    private static void dataTable(StringBuilder h, SessionContext c) {
        List<Assessment> points = scored(c);
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

    private static String product(org.ketaminecds.fact.Product product) {
        return product.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String dose(org.ketaminecds.fact.SessionDose dose) {
        return org.ketaminecds.fact.Numbers.plain(dose.value()) + " "
                + dose.unit().name().toLowerCase(Locale.ROOT).replace("_per_", "/");
    }

    /** Linear map from a data range to pixels. */
    private record Scale(double min, double max, double from, double to) {
        double at(double v) {
            return from + (v - min) * (to - from) / (max - min);
        }
    }

    private static String f(double v) {
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
