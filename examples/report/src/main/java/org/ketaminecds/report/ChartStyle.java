package org.ketaminecds.report;

import static org.ketaminecds.report.CourseReport.esc;
import static org.ketaminecds.report.CourseReport.f;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Instrument;

/** The score chart's look: a colour, marker and dash per instrument, the markers and the legend, and the axes' scale. */
final class ChartStyle {
    /** Okabe-Ito colours, marker shapes and dash patterns, one per instrument. */
    static final Map<Instrument, String[]> STYLE = new EnumMap<>(Map.of(
            Instrument.PHQ_9, new String[] {"#0072B2", "circle", ""},
            Instrument.MADRS, new String[] {"#D55E00", "square", "6 3"},
            Instrument.QIDS_SR16, new String[] {"#009E73", "diamond", "2 2"},
            Instrument.GAD_7, new String[] {"#CC79A7", "triangle", "8 2 2 2"}));

    private ChartStyle() {}

    static String legend(List<Assessment> points) {
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

    static String marker(String shape, double x, double y, String colour) {
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

    /** Linear map from a data range to pixels. */
    record Scale(double min, double max, double from, double to) {
        double at(double v) {
            return from + (v - min) * (to - from) / (max - min);
        }
    }
}
