package org.ketaminecds.worklist.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminecds.worklist.PatientReview;
import org.ketaminecds.worklist.SyntheticExport;
import org.ketaminecds.worklist.WorklistJob;

/** The Spark job in local[2] gives the embedded job's output, line for line after sorting. */
class SparkWorklistTest {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-12-01T12:00:00Z");

    @Test
    void sparkAndEmbedded_writeTheSameWorklist_csv_andIssues(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export");
        SyntheticExport.generate(export, 90, 11, AS_OF);
        Files.writeString(
                export.resolve("Condition.ndjson"), "{not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        PatientReview.Settings settings = new PatientReview.Settings(AS_OF, null, null);
        Path embedded = dir.resolve("embedded");
        WorklistJob.Summary summary = WorklistJob.run(export, embedded, settings, 2, null);

        Path sparkOut = dir.resolve("spark");
        long reviewed;
        try (SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("worklist-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate()) {
            reviewed = SparkWorklist.run(spark, export.toString(), sparkOut.toString(), settings);
        }
        assertThat(reviewed).isEqualTo(summary.patients()).isEqualTo(90);
        assertThat(sorted(parts(sparkOut.resolve("worklist"))))
                .isEqualTo(sorted(Files.readAllLines(embedded.resolve("worklist.ndjson"))))
                .hasSize((int) summary.withCards());
        List<String> csv = Files.readAllLines(embedded.resolve("worklist.csv"));
        assertThat(sorted(parts(sparkOut.resolve("worklist-csv")))).isEqualTo(sorted(csv.subList(1, csv.size())));
        assertThat(sorted(parts(sparkOut.resolve("issues"))))
                .isEqualTo(sorted(Files.readAllLines(embedded.resolve("issues.ndjson"))))
                .anySatisfy(l ->
                        assertThat(l).contains("\"file\":\"Condition.ndjson\"").contains("not a JSON resource"));
    }

    static List<String> parts(Path folder) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return lines;
    }

    static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }
}
