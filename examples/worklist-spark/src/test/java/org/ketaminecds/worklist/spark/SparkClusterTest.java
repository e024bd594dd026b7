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

/**
 * The Spark job with executors in their own JVMs ({@code local-cluster[2,1,1024]}: a standalone master and two
 * workers, each starting an executor JVM from a SPARK_HOME laid out from Maven), the job's classes reaching the
 * executors as its jar and its dependencies the way {@code spark-submit --jars} sends them, not on their class path.
 * Class path, serialisation and Jackson-version problems show here, not in local mode. Its output equals the embedded
 * job's on the same export. Runs after package (the jar must exist), as the cluster-test execution.
 */
class SparkClusterTest {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-12-01T12:00:00Z");

    @Test
    void onExecutorsInTheirOwnJvms_theJobSubmittedAsItsJar_writesTheEmbeddedJobsWorklist(@TempDir Path dir)
            throws Exception {
        // Only in the cluster-test execution, which lays out SPARK_HOME (a -Dtest run also reaches the default one).
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SPARK_HOME") != null, "no SPARK_HOME laid out");
        int patients = Integer.getInteger("worklist.cluster.patients", 40);
        Path jar = Path.of(System.getProperty("worklist.spark.jar"));
        Path appLib = Path.of(System.getProperty("worklist.spark.appLib"));
        assertThat(jar).as("the job's jar, built in package").isRegularFile();
        assertThat(Path.of(System.getenv("SPARK_HOME"), "jars")).isDirectory();
        List<String> jars = new ArrayList<>();
        jars.add(jar.toUri().toString());
        try (Stream<Path> files = Files.list(appLib)) {
            files.filter(f -> f.toString().endsWith(".jar"))
                    .sorted()
                    .forEach(f -> jars.add(f.toUri().toString()));
        }
        try (Stream<Path> sparkJars = Files.list(Path.of(System.getenv("SPARK_HOME"), "jars"))) {
            assertThat(sparkJars.map(p -> p.getFileName().toString()))
                    .as("the executors' own class path holds no Ketamine CDS or Drools class")
                    .noneMatch(n -> n.startsWith("ketamine-cds") || n.startsWith("drools") || n.startsWith("kie"));
        }

        Path export = dir.resolve("export");
        SyntheticExport.generate(export, patients, 13, AS_OF);
        Files.writeString(
                export.resolve("Condition.ndjson"), "{not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        PatientReview.Settings settings = new PatientReview.Settings(AS_OF, null, null);
        Path embedded = dir.resolve("embedded");
        long started = System.nanoTime();
        WorklistJob.Summary summary = WorklistJob.run(export, embedded, settings, 2, null, false);
        long embeddedNanos = System.nanoTime() - started;

        Path sparkOut = dir.resolve("spark");
        long reviewed;
        started = System.nanoTime();
        try (SparkSession spark = SparkSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("worklist-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.jars", String.join(",", jars))
                .config("spark.executor.extraJavaOptions", System.getProperty("worklist.spark.javaOptions"))
                .config("spark.sql.shuffle.partitions", "4")
                // Both executors registered before the first job, however slowly a busy machine starts their JVMs
                // (standalone mode would otherwise start with whichever came up first).
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "180s")
                .getOrCreate()) {
            assertThat(spark.sparkContext().master()).startsWith("local-cluster");
            reviewed = SparkWorklist.run(spark, export.toString(), sparkOut.toString(), settings);
            List<String> executors = new ArrayList<>();
            for (org.apache.spark.SparkExecutorInfo e :
                    spark.sparkContext().statusTracker().getExecutorInfos()) {
                executors.add(e.host() + ":" + e.port());
            }
            assertThat(executors).as("the driver and two executors").hasSize(3);
        }
        // For the bench (worklist-scale.sh): the two wall times, cluster start-up included.
        System.out.printf(
                java.util.Locale.ROOT,
                "cluster-bench patients=%d embedded_s=%.1f cluster_s=%.1f%n",
                patients,
                embeddedNanos / 1e9,
                (System.nanoTime() - started) / 1e9);
        assertThat(reviewed).isEqualTo(summary.patients()).isEqualTo(patients);
        assertThat(SparkWorklistTest.sorted(SparkWorklistTest.parts(sparkOut.resolve("worklist"))))
                .isEqualTo(SparkWorklistTest.sorted(Files.readAllLines(embedded.resolve("worklist.ndjson"))))
                .hasSize((int) summary.withCards());
        assertThat(SparkWorklistTest.sorted(SparkWorklistTest.parts(sparkOut.resolve("issues"))))
                .isEqualTo(SparkWorklistTest.sorted(Files.readAllLines(embedded.resolve("issues.ndjson"))));
    }
}
