package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The review of one partition file of the embedded worklist: its lines grouped by patient, each patient reviewed on at
 * most a bounded number of resources, and every failure kept to the patient it concerns; plus the issue lines the
 * embedded and the Spark job write for patients they could not review.
 */
public final class PartitionReview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartitionReview() {}

    static List<PatientReview.Result> review(
            Path part,
            PatientReview review,
            Set<String> types,
            Map<String, JsonNode> medications,
            AtomicLong reviewed,
            int maxResources,
            PatientReview.ReportSink reports)
            throws IOException {
        Map<String, List<JsonNode>> byPatient = new TreeMap<>();
        Map<String, Long> notRead = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int tab = line.indexOf('\t');
                List<JsonNode> resources = byPatient.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>());
                if (resources.size() >= maxResources) {
                    notRead.merge(line.substring(0, tab), 1L, Long::sum);
                    continue;
                }
                resources.add(JSON.readTree(line.substring(tab + 1)));
            }
        }
        Files.deleteIfExists(part);
        List<PatientReview.Result> results = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byPatient.entrySet()) {
            boolean hasPatient = e.getValue().stream()
                    .anyMatch(r -> r.path("resourceType").asText().equals("Patient"));
            if (!hasPatient) {
                results.add(new PatientReview.Result(
                        e.getKey(),
                        null,
                        null,
                        noPatientIssue(e.getKey(), e.getValue().size()),
                        PatientReview.Cohort.OUTSIDE));
                continue;
            }
            PatientReview.Result result;
            try {
                result = review.review(e.getKey(), e.getValue(), types, medications, reports);
            } catch (RuntimeException | StackOverflowError failure) {
                result = new PatientReview.Result(
                        e.getKey(),
                        null,
                        null,
                        patientIssue(
                                e.getKey(),
                                null,
                                "could not be reviewed (" + failure.getClass().getSimpleName()
                                        + "): not on the worklist; review this patient's record by hand"));
            }
            results.add(notFullyReviewed(result, notRead.getOrDefault(e.getKey(), 0L), maxResources));
            reviewed.incrementAndGet();
        }
        return results;
    }

    /**
     * The result with the issue that {@code dropped} resources beyond the first {@code maxResources} were not read
     * (the result itself when none were dropped).
     */
    public static PatientReview.Result notFullyReviewed(PatientReview.Result result, long dropped, int maxResources) {
        if (dropped == 0) {
            return result;
        }
        return new PatientReview.Result(
                result.patientId(),
                result.urgency(),
                result.row(),
                patientIssue(
                        result.patientId(),
                        result.issues(),
                        dropped + " resources beyond the first " + maxResources
                                + " were not read (--max-resources-per-patient): not fully reviewed"),
                result.cohort());
    }

    /** A patient's issues line with one more problem (the line may be null: the first problem). */
    static String patientIssue(String patient, String issuesLine, String problem) {
        ObjectNode issue;
        try {
            issue = issuesLine == null
                    ? JSON.createObjectNode().put("patient", patient)
                    : (ObjectNode) JSON.readTree(issuesLine);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        com.fasterxml.jackson.databind.node.ArrayNode list = issue.has("issues")
                ? (com.fasterxml.jackson.databind.node.ArrayNode) issue.get("issues")
                : issue.putArray("issues");
        list.addObject().put("resource", "Patient").put("problem", problem);
        return issue.toString();
    }

    /** The issues line of resources whose patient the export does not hold. */
    public static String noPatientIssue(String patient, int resources) {
        ObjectNode issue = JSON.createObjectNode().put("patient", patient);
        issue.putArray("issues")
                .addObject()
                .put("resource", "Patient")
                .put(
                        "problem",
                        resources
                                + " resources refer to this patient, but the export has no Patient resource for it: not reviewed");
        return issue.toString();
    }
}
