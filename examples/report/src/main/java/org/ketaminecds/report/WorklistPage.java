package org.ketaminecds.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The population worklist as one self-contained HTML page: a table of the listed patients, most urgent first (then by
 * patient id), saying who each is, what to do first, what else was found, the last and next session and the latest
 * score; filtered by level and sorted by any column by one small inline script (its hash is the only script the
 * page's Content-Security-Policy allows, and it loads nothing); each patient's course report one click away when the
 * job wrote it next to the page; the details (every card, its rule and facts) further down; the reading issues by
 * kind at the end. Printable: the controls are hidden on paper. Built from the worklist's NDJSON rows.
 */
public final class WorklistPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Filtering by level and sorting by column; nothing else. */
    static final String SCRIPT = "document.querySelectorAll('input[data-level]').forEach(function(box){"
            + "box.addEventListener('change',function(){"
            + "document.querySelectorAll('tbody tr').forEach(function(r){"
            + "if(r.getAttribute('data-urgency')===box.getAttribute('data-level')){r.hidden=!box.checked;}});});});"
            + "document.querySelectorAll('th[data-col]').forEach(function(th){"
            + "th.addEventListener('click',function(){var col=+th.getAttribute('data-col');"
            + "var up=th.getAttribute('aria-sort')!=='ascending';"
            + "document.querySelectorAll('th[data-col]').forEach(function(h){h.removeAttribute('aria-sort');});"
            + "th.setAttribute('aria-sort',up?'ascending':'descending');"
            + "var body=document.querySelector('#worklist tbody');var rows=Array.prototype.slice.call(body.rows);"
            + "rows.sort(function(a,b){var x=a.cells[col].getAttribute('data-sort'),y=b.cells[col].getAttribute("
            + "'data-sort');return (x<y?-1:x>y?1:0)*(up?1:-1);});"
            + "rows.forEach(function(r){body.appendChild(r);});});});";

    private static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + sha256(SCRIPT) + "'";

    private static final List<String> COLUMNS = List.of(
            "Level", "Patient", "What to do first", "Other findings", "Last session", "Next session", "Latest score");

    private WorklistPage() {}

    /**
     * The page of these rows.
     *
     * @param rows worklist.ndjson lines, already in worklist order
     * @param summary the run's summary in sentences
     * @param issueKinds the reading issues by kind: count, kind, example, what the site can do
     * @param reportLink the relative link to a patient's course report, or null where none was written
     */
    public static String html(
            List<String> rows, String summary, List<List<String>> issueKinds, Function<String, String> reportLink) {
        StringBuilder h = new StringBuilder(rows.size() * 900 + 4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\"><title>Ketamine course worklist</title><style>")
                .append("body{font-family:system-ui,Arial,sans-serif;margin:1.5em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left;")
                .append("font-size:.9em;vertical-align:top}th[data-col]{cursor:pointer}")
                .append(
                        "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}")
                .append(".critical td:first-child{font-weight:bold;color:#a00}section{border-top:1px solid #999;")
                .append("margin-top:1em}.note{color:#555}small{color:#444}")
                .append("@media print{.controls{display:none}a{color:inherit;text-decoration:none}}")
                .append("@page{size:A4 landscape;margin:12mm}</style></head><body>\n")
                .append("<h1>Ketamine course worklist</h1>\n<p>")
                .append(CourseReport.esc(summary))
                .append(
                        "</p>\n<p class=\"note\">This page names patients: it is as sensitive as the export it was made")
                .append(" from. Keep it where the record is kept.</p>\n")
                .append("<p class=\"controls\">Show: ");
        for (String level : List.of("critical", "warning", "info")) {
            h.append("<label><input type=\"checkbox\" checked data-level=\"")
                    .append(level)
                    .append("\"> ")
                    .append(level)
                    .append("</label> ");
        }
        h.append(" · click a column heading to sort</p>\n<table id=\"worklist\"><thead><tr>");
        for (int i = 0; i < COLUMNS.size(); i++) {
            h.append("<th data-col=\"")
                    .append(i)
                    .append("\">")
                    .append(COLUMNS.get(i))
                    .append("</th>");
        }
        h.append("<th>Report</th></tr></thead><tbody>\n");
        StringBuilder details = new StringBuilder();
        int n = 0;
        for (String line : rows) {
            JsonNode row = read(line);
            String anchor = "p" + (n++);
            row(h, row, anchor, reportLink.apply(row.path("patient").asText()));
            details(details, row, anchor);
        }
        h.append("</tbody></table>\n").append(details);
        issues(h, issueKinds);
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, JsonNode row, String anchor, String report) {
        String urgency = row.path("urgency").asText();
        int rank = List.of("info", "warning", "critical").indexOf(urgency);
        JsonNode headline = row.path("headline");
        JsonNode score = row.path("latestScore");
        h.append("<tr class=\"")
                .append(CourseReport.esc(urgency))
                .append("\" data-urgency=\"")
                .append(CourseReport.esc(urgency))
                .append("\">");
        cell(h, String.valueOf(9 - rank), CourseReport.esc(urgency));
        StringBuilder who = new StringBuilder("<a href=\"#").append(anchor).append("\">");
        who.append(CourseReport.esc(row.path("name").asText(row.path("patient").asText())))
                .append("</a>");
        if (row.has("birthDate")) {
            who.append("<br><small>born ")
                    .append(CourseReport.esc(row.path("birthDate").asText()))
                    .append("</small>");
        }
        if (row.has("mrn")) {
            who.append("<br><small>MRN ")
                    .append(CourseReport.esc(row.path("mrn").asText()))
                    .append("</small>");
        }
        who.append("<br><small>FHIR id ")
                .append(CourseReport.esc(row.path("patient").asText()))
                .append("</small>");
        cell(h, row.path("name").asText(row.path("patient").asText()), who.toString());
        String todo = CourseReport.esc(headline.path("summary").asText());
        if (headline.has("action")) {
            todo += "<br><small>Suggested: "
                    + CourseReport.esc(headline.path("action").asText()) + "</small>";
        }
        cell(h, headline.path("summary").asText(), todo);
        int otherCount = 0;
        for (JsonNode count : row.path("others")) {
            otherCount += count.asInt();
        }
        cell(h, String.format("%04d", otherCount), CourseReport.esc(othersText(row.path("others"))));
        cell(
                h,
                row.path("lastSession").asText(""),
                CourseReport.esc(row.path("lastSession").asText("")));
        cell(
                h,
                row.path("nextSession").asText("9999"),
                row.has("nextSession")
                        ? CourseReport.esc(row.path("nextSession").asText())
                        : "none booked");
        cell(h, scoreSort(score), CourseReport.esc(scoreText(score)));
        h.append("<td>");
        if (report != null) {
            h.append("<a href=\"").append(CourseReport.esc(report)).append("\">course report</a>");
        }
        h.append("</td></tr>\n");
    }

    private static void cell(StringBuilder h, String sort, String html) {
        h.append("<td data-sort=\"")
                .append(CourseReport.esc(sort))
                .append("\">")
                .append(html)
                .append("</td>");
    }

    private static String scoreSort(JsonNode score) {
        return score.isMissingNode()
                ? ""
                : score.path("instrument").asText()
                        + String.format("%04d", score.path("total").asInt());
    }

    /** The other findings in words ("2 warning, 1 info"), or "" for none. */
    public static String othersText(JsonNode others) {
        StringBuilder b = new StringBuilder();
        others.fields()
                .forEachRemaining(e -> b.append(b.isEmpty() ? "" : ", ")
                        .append(e.getValue().asInt())
                        .append(' ')
                        .append(e.getKey()));
        return b.toString();
    }

    /** The latest score and its course in words: "MADRS 18 on 2026-11-20, baseline 34, 47% better, previous 22". */
    public static String scoreText(JsonNode score) {
        if (score.isMissingNode()) {
            return "";
        }
        StringBuilder b = new StringBuilder()
                .append(score.path("instrument").asText())
                .append(' ')
                .append(score.path("total").asInt())
                .append(" on ")
                .append(score.path("at").asText());
        if (score.has("baseline")) {
            b.append(", baseline ").append(score.path("baseline").asInt());
            if (score.has("improvementPercent")) {
                int p = score.path("improvementPercent").asInt();
                b.append(", ").append(Math.abs(p)).append(p >= 0 ? "% better" : "% worse");
            }
            b.append(", previous ").append(score.path("previous").asInt());
        }
        return b.toString();
    }

    private static void details(StringBuilder d, JsonNode row, String anchor) {
        d.append("<section id=\"")
                .append(anchor)
                .append("\"><h2>")
                .append(CourseReport.esc(
                        row.path("name").asText(row.path("patient").asText())))
                .append(" (")
                .append(CourseReport.esc(row.path("urgency").asText()))
                .append(")</h2><ul>\n");
        for (JsonNode c : row.path("cards")) {
            d.append("<li><strong>")
                    .append(CourseReport.esc(c.path("summary").asText()))
                    .append("</strong> <small>[")
                    .append(CourseReport.esc(c.path("indicator").asText()))
                    .append(", rule ")
                    .append(CourseReport.esc(c.path("ruleId").asText()))
                    .append("]</small>");
            StringBuilder facts = new StringBuilder();
            c.path("facts")
                    .forEach(f -> facts.append(facts.isEmpty() ? "" : "; ").append(f.asText()));
            d.append("<br><small>Based on: ")
                    .append(CourseReport.esc(facts.toString()))
                    .append("</small></li>\n");
        }
        d.append("</ul></section>\n");
    }

    private static void issues(StringBuilder h, List<List<String>> kinds) {
        h.append("<section id=\"issues\"><h2>Reading issues by kind</h2>\n");
        if (kinds.isEmpty()) {
            h.append("<p>None.</p></section>\n");
            return;
        }
        h.append("<p>issues.ndjson, next to this page, lists each one.</p><table><thead><tr><th>Count</th>")
                .append("<th>Kind</th><th>Example</th><th>What the site can do</th></tr></thead><tbody>\n");
        for (List<String> k : kinds) {
            h.append("<tr>");
            for (String v : k) {
                h.append("<td>").append(CourseReport.esc(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
