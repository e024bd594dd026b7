package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reading issues of a run summarised by kind: how many, one example, and what the site can do about it. The kind
 * of an export line's problem is its wording before the first colon; the kind of a patient's issue is the resource
 * type and the problem with its particular values (quoted words, numbers, dates, bracketed details) taken out.
 * issues.ndjson stays the full record.
 */
final class IssueKinds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern BRACKETED = Pattern.compile("\\([^)]*\\)");
    private static final Pattern NUMBERS = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?|\\d+(\\.\\d+)?");

    /** One kind: its count, an example and the advice. */
    record Kind(String kind, long count, String example, String advice) {}

    /** What a site can do, by words of the kind; the first match applies. */
    private static final List<Map.Entry<String, String>> ADVICE = List.of(
            Map.entry("names no patient", "Check the export's subject references; these lines were not used."),
            Map.entry(
                    "not a json",
                    "The export file is damaged at these lines; export it again if patients may be missing."),
            Map.entry("no resourcetype", "The export file is damaged at these lines; export it again."),
            Map.entry("line longer than", "If the line is genuine, raise --max-line-chars and run again."),
            Map.entry("compression bomb", "Export the file again; if it is genuine, raise --max-compression-ratio."),
            Map.entry("--max-file-size", "Raise --max-file-size, or ask for the export split into smaller files."),
            Map.entry("symbolic link", "Copy the file itself into the export folder."),
            Map.entry("could not be read to its end", "The file is truncated; export it again."),
            Map.entry("--max-resources-per-patient", "Review these patients' records by hand, or raise the limit."),
            Map.entry("could not be reviewed", "Review these patients' records by hand; the run log names the cause."),
            Map.entry("no patient resource", "The export lacks these Patient resources; export the Patient type too."),
            Map.entry("entered-in-error", "Nothing: records marked entered-in-error are correctly left out."),
            Map.entry("not used by ketamine cds", "Nothing: a resource type the checks do not read."),
            Map.entry(": not used", "Usually nothing: the resource was read and left out for the reason given."));

    private static final String DEFAULT_ADVICE =
            "See issues.ndjson for each resource; correct the source record where the reason calls for it.";

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();

    /** Counts {@code n} problems of a kind, keeping the first example. */
    void add(String kind, long n, String example) {
        counts.computeIfAbsent(kind, k -> new long[1])[0] += n;
        if (example != null) {
            examples.putIfAbsent(kind, example);
        }
    }

    /**
     * Counts one export line's issue (an issues.ndjson line with {@code file}); a line counting the problems beyond
     * the cap ({@code kind}, {@code more}) adds them to their kind.
     */
    void addLine(String issueLine) {
        JsonNode line = parse(issueLine);
        if (line.has("more")) {
            add(line.path("kind").asText(), line.path("more").asLong(), null);
            return;
        }
        String problem = line.path("problem").asText();
        add(
                problem.split(":", 2)[0],
                1,
                line.path("file").asText() + " line " + line.path("line").asLong() + ": " + problem);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the problems of one patient's issues.ndjson line. */
    void addPatient(String issuesLine) {
        JsonNode line = parse(issuesLine);
        for (JsonNode i : line.path("issues")) {
            String resource = i.path("resource").asText();
            String type = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
            String problem = i.path("problem").asText();
            add(type + ": " + general(problem), 1, resource + ": " + problem);
        }
    }

    /** The problem without its particular values. */
    static String general(String problem) {
        String p = QUOTED.matcher(problem).replaceAll("…");
        p = BRACKETED.matcher(p).replaceAll("(…)");
        return NUMBERS.matcher(p).replaceAll("#");
    }

    /** The kinds, most frequent first (then by kind). */
    List<Kind> kinds() {
        List<Kind> out = new ArrayList<>();
        counts.forEach((kind, n) -> out.add(new Kind(kind, n[0], examples.get(kind), advice(kind))));
        out.sort(Comparator.comparingLong(Kind::count).reversed().thenComparing(Kind::kind));
        return out;
    }

    static String advice(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> a : ADVICE) {
            if (k.contains(a.getKey())) {
                return a.getValue();
            }
        }
        return DEFAULT_ADVICE;
    }

    /** The table in plain text, for summary.txt: one kind per line. */
    String text() {
        List<Kind> kinds = kinds();
        if (kinds.isEmpty()) {
            return "No reading issues.";
        }
        StringBuilder b = new StringBuilder("Reading issues by kind (issues.ndjson has each one):\n");
        for (Kind k : kinds) {
            b.append(String.format(
                    Locale.ROOT,
                    "%,9d  %s%n           e.g. %s%n           %s%n",
                    k.count(),
                    k.kind(),
                    k.example(),
                    k.advice()));
        }
        return b.toString().stripTrailing();
    }
}
