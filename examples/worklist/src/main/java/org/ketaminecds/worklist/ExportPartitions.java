package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first step of the embedded worklist: every line of the export files filed by its patient into partition files
 * on disk (a hash of the patient id, so that all of a patient's resources land in one partition), the shared
 * Medication and Group resources kept, and every line that cannot be used reported once per kind up to the limit.
 */
final class ExportPartitions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportPartitions() {}

    /** What the partition step found: patients, lines, resource types, shared medications, line issues. */
    record Partitioned(
            long patients,
            long lines,
            Set<String> types,
            Map<String, JsonNode> medications,
            List<String> lineIssues,
            long unreadable,
            Map<String, Set<String>> groups) {}

    /**
     * The site's cohort with each {@code Group/id} entry replaced by the active members of that Group in the export; a
     * Group the export does not hold is reported.
     */
    static Set<String> cohort(Set<String> named, Map<String, Set<String>> groups, List<String> issues) {
        Set<String> ids = new java.util.TreeSet<>();
        for (String entry : named) {
            if (!entry.startsWith("Group/")) {
                ids.add(entry);
                continue;
            }
            Set<String> members = groups.get(entry.substring("Group/".length()));
            if (members == null) {
                issues.add(BulkLines.issue(
                        "(cohort)",
                        0,
                        entry + " is named as the cohort but the export holds no such Group: no one added"));
            } else {
                ids.addAll(members);
            }
        }
        return ids;
    }

    static Partitioned partition(List<Path> files, Path work, int partitions, ReadLimits limits) throws IOException {
        BufferedWriter[] out = new BufferedWriter[partitions];
        for (int i = 0; i < partitions; i++) {
            out[i] = Files.newBufferedWriter(work.resolve("part-" + i), StandardCharsets.UTF_8);
        }
        Set<String> types = new java.util.TreeSet<>();
        Set<String> patients = new java.util.HashSet<>();
        Map<String, JsonNode> medications = new ConcurrentHashMap<>();
        Map<String, Set<String>> groups = new java.util.TreeMap<>();
        List<String> issues = new ArrayList<>();
        Map<String, Long> issueKinds = new java.util.TreeMap<>();
        long lines = 0;
        try {
            for (Path file : files) {
                BulkLines.Reader reader = new BulkLines.Reader(
                        file.getFileName().toString(), WorklistJob.open(file, limits), limits.lineChars());
                while (reader.hasNext()) {
                    BulkLines.Entry e = reader.next();
                    if (e.issue() != null) {
                        String kind = JSON.readTree(e.issue())
                                .path("problem")
                                .asText()
                                .split(":", 2)[0];
                        if (issueKinds.merge(kind, 1L, Long::sum) <= limits.issuesPerKind()) {
                            issues.add(e.issue());
                        }
                        if (e.type() != null) {
                            types.add(e.type());
                        }
                        lines++;
                        continue;
                    }
                    lines++;
                    types.add(e.type());
                    if (e.type().equals("Group")) {
                        JsonNode group = JSON.readTree(e.line());
                        groups.put(group.path("id").asText(), BulkLines.members(group));
                        continue;
                    }
                    if (e.medicationId() != null) {
                        medications.put(e.medicationId(), JSON.readTree(e.line()));
                        continue;
                    }
                    if (e.type().equals("Patient")) {
                        patients.add(e.patient());
                    }
                    BufferedWriter w = out[Math.floorMod(e.patient().hashCode(), partitions)];
                    w.write(e.patient());
                    w.write('\t');
                    w.write(e.line());
                    w.write('\n');
                }
            }
        } finally {
            for (BufferedWriter w : out) {
                w.close();
            }
        }
        for (Map.Entry<String, Long> k : issueKinds.entrySet()) {
            String kind = k.getKey();
            long count = k.getValue();
            if (count > limits.issuesPerKind()) {
                long more = count - limits.issuesPerKind();
                issues.add(((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(BulkLines.issue(
                                "(all files)",
                                0,
                                more + " more lines with the problem '" + kind + "' (counted, not listed; the first "
                                        + limits.issuesPerKind() + " are above; --max-issues-per-kind)")))
                        .put("kind", kind)
                        .put("more", more)
                        .toString());
            }
        }
        long unreadable =
                issueKinds.values().stream().mapToLong(Long::longValue).sum();
        return new Partitioned(
                patients.size(), lines, Collections.unmodifiableSet(types), medications, issues, unreadable, groups);
    }
}
