package org.ketaminecds.report;

import static org.ketaminecds.report.CourseReport.DAY;
import static org.ketaminecds.report.CourseReport.dose;
import static org.ketaminecds.report.CourseReport.esc;
import static org.ketaminecds.report.CourseReport.f;
import static org.ketaminecds.report.CourseReport.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.knowledge.CourseEvidence;
import org.ketaminecds.knowledge.InstrumentTrajectory;
import org.ketaminecds.knowledge.Trajectories;
import org.ketaminecds.policy.SitePolicy;

/**
 * The course report's score trajectory: one SVG chart of every scored rating (one colour, marker and dash per
 * instrument), the reference lines of the instrument the course is judged on (baseline, response, remission), the
 * sessions along the bottom and the suicidality signals the rules classified (TRJ-004) along the top, with its legend.
 */
final class ScoreChart {
    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 56;

    private ScoreChart() {}

    static List<Assessment> scored(SessionContext c) {
        List<Assessment> list = new ArrayList<>();
        for (Assessment a : c.assessments()) {
            if (a.total() != null && ChartStyle.STYLE.containsKey(a.instrument())) {
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

    static void chart(StringBuilder h, SessionContext c, SitePolicy policy, java.util.Set<Assessment> flagged) {
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
        ChartStyle.Scale x = new ChartStyle.Scale(from.getEpochSecond(), to.getEpochSecond(), LEFT, W - RIGHT);
        ChartStyle.Scale y = new ChartStyle.Scale(0, yMax, H - BOTTOM, TOP);
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
        List<InstrumentTrajectory> primary = Trajectories.primary(c, policy);
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
            Integer remission = Trajectories.remissionMax(t.instrument(), policy);
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
        for (Instrument i : ChartStyle.STYLE.keySet()) {
            List<Assessment> mine =
                    points.stream().filter(a -> a.instrument() == i).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String[] style = ChartStyle.STYLE.get(i);
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
                        .append(ChartStyle.marker(style[1], px, py, style[0]))
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
                double px = x.at(Math.max(x.min(), Math.min(x.max(), a.at().getEpochSecond())));
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
                .append(ChartStyle.legend(points))
                .append(" Shaded: the early course (the first ")
                .append(policy.earlyCourseSessions())
                .append(" sessions). Squares below the axis: sessions (hollow: missed). ")
                .append("Triangles above: suicidality signals.</figcaption></figure>\n");
    }

    private static void reference(
            StringBuilder h, ChartStyle.Scale y, String kind, double score, String label, String colour, String dash) {
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
}
