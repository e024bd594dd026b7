package org.ketaminecds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.report.CourseReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report}: the course report (self-contained HTML) of one session context, or of a folder of one course. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Writes the course report: one self-contained HTML page with the score trajectory chart, its data "
                        + "table, the course timeline and the cards by urgency. A folder of one course (its snapshots in name order) "
                        + "gives one report: the last file's context with the assessments, sessions and therapy of all of them.")
final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "FILE|FOLDER", description = "A session-context JSON file, or a folder of one course.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.html",
            description = "Where to write the page (default standard output).")
    Path output;

    @Option(names = "--policy", paramLabel = "FILE", description = "A site policy file (JSON or YAML).")
    Path policy;

    @Option(
            names = "--knowledge-base",
            paramLabel = "NAME",
            defaultValue = "ketamineCds",
            description = "The knowledge base (default ${DEFAULT-VALUE}).")
    String knowledgeBase;

    @Override
    public Integer call() throws Exception {
        SessionContext context =
                CdsJson.readContext(Files.isDirectory(input) ? course(input) : JSON.readTree(input.toFile()));
        CdsEngine.Builder b = CdsEngine.builder().knowledgeBase(knowledgeBase);
        if (policy != null) {
            b.policy(org.ketaminecds.json.PolicyFile.read(policy).policy());
        }
        CdsEngine engine = b.build();
        Evaluation evaluation = engine.evaluate(context);
        String html = CourseReport.html(engine, context, evaluation);
        if (output == null) {
            System.out.print(html);
        } else {
            org.ketaminecds.support.PrivateFiles.writeString(output, html); // owner-only, never through a link
            System.err.println("report: " + output + " (" + evaluation.cards().size() + " cards)");
        }
        return Evaluate.OK;
    }

    /**
     * A course folder as one context: the last snapshot (by file name), with the assessments, prior sessions and
     * therapy of every snapshot (each once), and the dosed session of each earlier snapshot as a prior session.
     */
    /** One session per day: snapshots record the same session as "today" and later as a prior session. */
    private static void merge(Map<String, JsonNode> priors, JsonNode session) {
        String key = day(session.path("at").asText());
        JsonNode known = priors.get(key);
        if (known == null) {
            priors.put(key, session.deepCopy());
        } else {
            session.fields().forEachRemaining(f -> {
                if (!known.has(f.getKey())) {
                    ((ObjectNode) known).set(f.getKey(), f.getValue());
                }
            });
        }
    }

    private static String day(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    static JsonNode course(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .json file in " + folder);
        }
        List<ObjectNode> snapshots = new ArrayList<>();
        for (Path f : files) {
            snapshots.add((ObjectNode) JSON.readTree(f.toFile()));
        }
        ObjectNode last = snapshots.get(snapshots.size() - 1).deepCopy();
        Map<String, JsonNode> assessments = new LinkedHashMap<>();
        Map<String, JsonNode> priors = new LinkedHashMap<>();
        Map<String, JsonNode> therapy = new LinkedHashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            ObjectNode s = snapshots.get(i);
            s.path("assessments")
                    .forEach(a -> assessments.putIfAbsent(
                            a.path("instrument").asText() + a.path("at").asText(), a));
            s.path("priorSessions").forEach(p -> merge(priors, p));
            s.path("therapy").forEach(t -> therapy.putIfAbsent(t.toString(), t));
            JsonNode session = s.path("session");
            String at = session.path("doseAt").asText(null);
            if (i < snapshots.size() - 1 && at != null) {
                ObjectNode prior = JSON.createObjectNode().put("at", at);
                for (String k : List.of("product", "route", "phase")) {
                    if (session.has(k)) {
                        prior.set(k, session.get(k));
                    }
                }
                if (session.has("dose")) {
                    prior.set("dose", session.get("dose"));
                }
                merge(priors, prior);
            }
        }
        String today = last.path("session").path("doseAt").asText(null);
        if (today != null) {
            priors.remove(day(today));
        }
        ArrayNode a = last.putArray("assessments");
        assessments.values().forEach(a::add);
        ArrayNode p = last.putArray("priorSessions");
        priors.values().forEach(p::add);
        ArrayNode t = last.putArray("therapy");
        therapy.values().forEach(t::add);
        return last;
    }
}
