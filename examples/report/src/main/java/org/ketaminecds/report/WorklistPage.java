package org.ketaminecds.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The population worklist as one self-contained HTML page: a table of the patients with a card, most urgent first
 * (then by patient id), each row linking to its details further down the same page; nothing links outside it and
 * nothing is loaded. Built from the worklist's NDJSON rows.
 */
public final class WorklistPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorklistPage() {}

    /** The page of these rows (worklist.ndjson lines, already in worklist order). */
    public static String html(List<String> rows, String summary) {
        StringBuilder h = new StringBuilder(rows.size() * 600 + 2048);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append(
                        "<title>Ketamine course worklist</title><style>body{font-family:system-ui,Arial,sans-serif;margin:1.5em}")
                .append(
                        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left;font-size:.9em}")
                .append(".critical td:first-child{font-weight:bold}section{border-top:1px solid #999;margin-top:1em}")
                .append(
                        "@page{size:A4 landscape;margin:12mm}</style></head><body>\n<h1>Ketamine course worklist</h1>\n<p>")
                .append(CourseReport.esc(summary))
                .append("</p>\n<table><thead><tr><th>Urgency</th><th>Patient</th><th>Rules</th>")
                .append("<th>Cards</th></tr></thead><tbody>\n");
        StringBuilder details = new StringBuilder();
        int n = 0;
        for (String line : rows) {
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String anchor = "p" + (n++);
            String urgency = row.path("urgency").asText();
            StringBuilder rules = new StringBuilder();
            row.path("rules")
                    .forEach(r -> rules.append(rules.isEmpty() ? "" : " ").append(r.asText()));
            h.append("<tr class=\"")
                    .append(CourseReport.esc(urgency))
                    .append("\" data-urgency=\"")
                    .append(CourseReport.esc(urgency))
                    .append("\"><td>")
                    .append(CourseReport.esc(urgency))
                    .append("</td><td><a href=\"#")
                    .append(anchor)
                    .append("\">")
                    .append(CourseReport.esc(row.path("patient").asText()))
                    .append("</a></td><td>")
                    .append(CourseReport.esc(rules.toString()))
                    .append("</td><td>")
                    .append(row.path("cards").size())
                    .append("</td></tr>\n");
            details.append("<section id=\"")
                    .append(anchor)
                    .append("\"><h2>")
                    .append(CourseReport.esc(row.path("patient").asText()))
                    .append(" (")
                    .append(CourseReport.esc(urgency))
                    .append(")</h2><ul>\n");
            for (JsonNode c : row.path("cards")) {
                details.append("<li><strong>")
                        .append(CourseReport.esc(c.path("ruleId").asText()))
                        .append(" [")
                        .append(CourseReport.esc(c.path("indicator").asText()))
                        .append("]</strong> ")
                        .append(CourseReport.esc(c.path("summary").asText()));
                StringBuilder facts = new StringBuilder();
                c.path("facts")
                        .forEach(f -> facts.append(facts.isEmpty() ? "" : "; ").append(f.asText()));
                details.append("<br><small>Based on: ")
                        .append(CourseReport.esc(facts.toString()))
                        .append("</small></li>\n");
            }
            details.append("</ul></section>\n");
        }
        h.append("</tbody></table>\n").append(details).append("</body></html>\n");
        return h.toString();
    }
}
