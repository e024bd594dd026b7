package org.ketaminecds.worklist.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.ketaminecds.worklist.BulkLines;
import org.ketaminecds.worklist.PartitionReview;
import org.ketaminecds.worklist.PatientReview;
import org.ketaminecds.worklist.ReadLimits;
import scala.Tuple3;

/**
 * The population worklist on Apache Spark: the same per-patient review as the embedded job ({@link PatientReview}),
 * one engine per executor JVM, built once. Each export file is read line by line by one task through the same reader
 * as the embedded job (so problems carry the same file and line), lines are grouped by patient, and each group is
 * reviewed. Output in the output folder: {@code worklist/} (row NDJSON), {@code worklist-csv/} and {@code issues/}
 * (Spark part files; sorted, their lines equal the embedded job's files).
 *
 * <p>{@code spark-submit --class org.ketaminecds.worklist.spark.SparkWorklist ketamine-cds-worklist-spark.jar
 * EXPORT-FOLDER OUTPUT-FOLDER AS-OF [POLICY-FILE]} with this module's dependencies on the class path.
 */
public final class SparkWorklist {
    private static final Map<PatientReview.Settings, PatientReview> REVIEWS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkWorklist() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SparkWorklist EXPORT-FOLDER OUTPUT-FOLDER AS-OF [POLICY-FILE]");
            System.exit(2);
        }
        try (SparkSession spark =
                SparkSession.builder().appName("ketamine-cds-worklist").getOrCreate()) {
            if (!spark.conf().contains("spark.sql.shuffle.partitions")) {
                // Patient groups are few and heavy: Spark's default of 200 shuffle partitions cost 40% more time on 2
                // cores (10,000 patients: 74 s against 44 s with 8). A cluster sets its own.
                spark.conf()
                        .set(
                                "spark.sql.shuffle.partitions",
                                String.valueOf(4 * spark.sparkContext().defaultParallelism()));
            }
            run(
                    spark,
                    args[0],
                    args[1],
                    new PatientReview.Settings(OffsetDateTime.parse(args[2]), args.length > 3 ? args[3] : null, null));
        }
    }

    /** The review of this JVM for these settings, built on first use (one engine per executor). */
    static PatientReview review(PatientReview.Settings settings) {
        return REVIEWS.computeIfAbsent(settings, PatientReview::of);
    }

    /** Runs the job; returns the number of patients reviewed. */
    public static long run(SparkSession spark, String export, String output, PatientReview.Settings settings)
            throws Exception {
        List<String> files = new ArrayList<>();
        FileSystem fs = new Path(export).getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (FileStatus f : fs.listStatus(new Path(export))) {
            String name = f.getPath().getName();
            if (f.isFile() && (name.endsWith(".ndjson") || name.endsWith(".ndjson.gz"))) {
                files.add(f.getPath().toString());
            }
        }
        files.sort(null);
        // (kind, key, value): P patient line, M medication, T type, I issue.
        Dataset<Tuple3<String, String, String>> entries = spark.createDataset(files, Encoders.STRING())
                .repartition(Math.max(1, files.size()))
                .flatMap(
                        (FlatMapFunction<String, Tuple3<String, String, String>>) file -> read(file, settings.limits()),
                        Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.STRING()))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Set<String> types = new TreeSet<>(entries.filter(
                        (org.apache.spark.api.java.function.FilterFunction<Tuple3<String, String, String>>)
                                e -> e._1().equals("T"))
                .map(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                Tuple3::_2,
                        Encoders.STRING())
                .distinct()
                .collectAsList());
        Map<String, String> medications = new HashMap<>();
        for (Tuple3<String, String, String> m : entries.filter(
                        (org.apache.spark.api.java.function.FilterFunction<Tuple3<String, String, String>>)
                                e -> e._1().equals("M"))
                .collectAsList()) {
            medications.put(m._2(), m._3());
        }
        Broadcast<Map<String, String>> meds =
                spark.sparkContext().broadcast(medications, scala.reflect.ClassTag$.MODULE$.apply(Map.class));
        Set<String> typesInExport = Set.copyOf(types);
        Dataset<Tuple3<String, String, String>> results = entries.filter(
                        (org.apache.spark.api.java.function.FilterFunction<Tuple3<String, String, String>>)
                                e -> e._1().equals("P"))
                .groupByKey(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                Tuple3::_2,
                        Encoders.STRING())
                .mapGroups(
                        (MapGroupsFunction<String, Tuple3<String, String, String>, Tuple3<String, String, String>>)
                                (patient, lines) -> reviewGroup(settings, patient, lines, typesInExport, meds.value()),
                        Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.STRING()))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        org.apache.spark.api.java.function.FilterFunction<String> present = s -> s != null;
        results.map(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                Tuple3::_2,
                        Encoders.STRING())
                .filter(present)
                .write()
                .text(output + "/worklist");
        results.map(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                r -> r._2() == null ? null : PatientReview.csv(r._2()),
                        Encoders.STRING())
                .filter(present)
                .write()
                .text(output + "/worklist-csv");
        Dataset<String> patientIssues = results.map(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                Tuple3::_3,
                        Encoders.STRING())
                .filter(present);
        Dataset<String> lineIssues = entries.filter(
                        (org.apache.spark.api.java.function.FilterFunction<Tuple3<String, String, String>>)
                                e -> e._1().equals("I"))
                .map(
                        (org.apache.spark.api.java.function.MapFunction<Tuple3<String, String, String>, String>)
                                Tuple3::_3,
                        Encoders.STRING());
        patientIssues.union(lineIssues).write().text(output + "/issues");
        long reviewed = results.filter(
                        (org.apache.spark.api.java.function.FilterFunction<Tuple3<String, String, String>>)
                                r -> r._1().equals("reviewed"))
                .count();
        results.unpersist();
        entries.unpersist();
        return reviewed;
    }

    /** One export file, line by line, through the embedded job's reader. */
    static Iterator<Tuple3<String, String, String>> read(String file, ReadLimits limits) throws Exception {
        Path path = new Path(file);
        InputStream in = path.getFileSystem(new Configuration()).open(path);
        BulkLines.Reader reader =
                new BulkLines.Reader(path.getName(), BulkLines.open(in, path.getName(), limits), limits.lineChars());
        Set<String> typesSeen = new java.util.HashSet<>();
        return new Iterator<>() {
            private Tuple3<String, String, String> pendingType;

            @Override
            public boolean hasNext() {
                return pendingType != null || reader.hasNext();
            }

            @Override
            public Tuple3<String, String, String> next() {
                if (pendingType != null) {
                    Tuple3<String, String, String> t = pendingType;
                    pendingType = null;
                    return t;
                }
                BulkLines.Entry e = reader.next();
                if (e.type() != null && typesSeen.add(e.type())) {
                    pendingType = new Tuple3<>("T", e.type(), "");
                }
                if (e.issue() != null) {
                    return new Tuple3<>("I", "", e.issue());
                }
                if (e.medicationId() != null) {
                    return new Tuple3<>("M", e.medicationId(), e.line());
                }
                if (e.patient() == null) {
                    return new Tuple3<>("G", "", e.line()); // a Group: cohorts by Group are the embedded job's
                }
                return new Tuple3<>("P", e.patient(), e.line());
            }
        };
    }

    /** (status, row or null, issues or null) of one patient. */
    static Tuple3<String, String, String> reviewGroup(
            PatientReview.Settings settings,
            String patient,
            Iterator<Tuple3<String, String, String>> lines,
            Set<String> types,
            Map<String, String> medicationLines)
            throws Exception {
        ObjectMapper json = JSON;
        List<JsonNode> resources = new ArrayList<>();
        boolean hasPatient = false;
        int max = settings.limits().resourcesPerPatient();
        long dropped = 0;
        while (lines.hasNext()) {
            String line = lines.next()._3();
            if (resources.size() >= max) {
                dropped++;
                continue;
            }
            JsonNode r = json.readTree(line);
            hasPatient |= r.path("resourceType").asText().equals("Patient");
            resources.add(r);
        }
        if (!hasPatient) {
            return new Tuple3<>(
                    "not-reviewed",
                    null,
                    org.ketaminecds.worklist.PartitionReview.noPatientIssue(patient, resources.size()));
        }
        Map<String, JsonNode> medications = new HashMap<>();
        for (Map.Entry<String, String> m : medicationLines.entrySet()) {
            medications.put(m.getKey(), json.readTree(m.getValue()));
        }
        PatientReview.Result r = PartitionReview.notFullyReviewed(
                review(settings).review(patient, resources, types, medications), dropped, max);
        return new Tuple3<>("reviewed", r.row(), r.issues());
    }
}
