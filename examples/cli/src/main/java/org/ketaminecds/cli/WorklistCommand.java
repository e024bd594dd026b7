package org.ketaminecds.cli;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.ketaminecds.worklist.PatientReview;
import org.ketaminecds.worklist.ReadLimits;
import org.ketaminecds.worklist.SyntheticExport;
import org.ketaminecds.worklist.WorklistJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code worklist}: the course review of every patient of a FHIR Bulk Data export, on all cores of this machine. */
@Command(
        name = "worklist",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Reviews every patient of a FHIR Bulk Data export folder (NDJSON, plain or .gz) as the course-overview "
                        + "service would and writes worklist.ndjson and worklist.csv (patients with a card, most urgent first), "
                        + "issues.ndjson (what could not be read, per patient and per line) and summary.txt.")
final class WorklistCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "EXPORT-FOLDER",
            description = "The Bulk Data export: one or more NDJSON files per resource type.")
    Path export;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FOLDER",
            required = true,
            description = "Where to write the worklist (required: the outputs hold patient data, so they go where "
                    + "you say, never into the current directory by surprise; made owner-only).")
    Path output;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description = "The review instant with its offset (default: now in --clinic-zone).")
    OffsetDateTime asOf;

    @Option(
            names = "--clinic-zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "The clinic's time zone, for the default --as-of (default ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--policy", paramLabel = "FILE", description = "A site policy file (JSON or YAML).")
    Path policy;

    @Option(
            names = "--knowledge-base",
            paramLabel = "NAME",
            defaultValue = "ketamineCds",
            description = "The knowledge base (default ${DEFAULT-VALUE}).")
    String knowledgeBase;

    @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(
            names = "--cohort",
            paramLabel = "FILE",
            description = "Patient ids (FHIR ids of the export, one per line) the site names as its cohort: reviewed "
                    + "even without a ketamine or esketamine course on record; a line Group/ID adds the active "
                    + "members of that Group resource of the export. Everyone else with a course is too.")
    java.nio.file.Path cohort;

    @Option(
            names = "--mrn-system",
            paramLabel = "URI",
            description = "The identifier system of the site's medical record number, shown on each row (default: the "
                    + "first identifier of use usual or official, else the first typed MR).")
    String mrnSystem;

    @Option(
            names = "--verbose",
            description = "Also print the machine figures at the end (patients per second, peak heap).")
    boolean verbose;

    @Option(
            names = "--no-reports",
            description = "Do not write each listed patient's course report under reports/ (the page then links none).")
    boolean noReports;

    @Option(
            names = "--max-line-chars",
            paramLabel = "N",
            description =
                    "The longest export line read; a longer one is reported and skipped (default ${DEFAULT-VALUE}).")
    int maxLineChars = ReadLimits.DEFAULTS.lineChars();

    @Option(
            names = "--max-compression-ratio",
            paramLabel = "N",
            description = "A .gz file decompressing to more than N times its size (checked after 64 MiB) is a "
                    + "compression bomb: read no further, reported (default ${DEFAULT-VALUE}).")
    int maxCompressionRatio = ReadLimits.DEFAULTS.compressionRatio();

    @Option(
            names = "--max-file-size",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "The most read from one export file, decompressed, in bytes or with K, M, G (1024-based); "
                    + "the rest is not read, reported (default 64G).")
    long maxFileBytes = ReadLimits.DEFAULTS.fileBytes();

    @Option(
            names = "--max-resources-per-patient",
            paramLabel = "N",
            description = "Resources read per patient; beyond, the patient is reviewed on what was read and listed as "
                    + "not fully reviewed (default ${DEFAULT-VALUE}).")
    int maxResourcesPerPatient = ReadLimits.DEFAULTS.resourcesPerPatient();

    @Option(
            names = "--max-issues-per-kind",
            paramLabel = "N",
            description = "Issue lines written per kind of problem; the rest are counted in one line "
                    + "(default ${DEFAULT-VALUE}).")
    int maxIssuesPerKind = ReadLimits.DEFAULTS.issuesPerKind();

    @ParentCommand
    Evaluate parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isDirectory(export)) {
            throw new java.nio.file.NoSuchFileException(
                    export.toString(),
                    null,
                    "export folder not found (give the folder of a FHIR Bulk Data export): " + export.toAbsolutePath());
        }
        ReadLimits limits;
        try {
            limits = new ReadLimits(
                    maxLineChars, maxCompressionRatio, maxFileBytes, maxResourcesPerPatient, maxIssuesPerKind);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        java.io.PrintStream err = parent.err;
        err.println("worklist: writing to " + output.toAbsolutePath());
        OffsetDateTime at = asOf != null ? asOf : OffsetDateTime.now(zone);
        WorklistJob.Summary s = WorklistJob.run(
                export,
                output,
                new PatientReview.Settings(
                        at, policy == null ? null : policy.toString(), knowledgeBase, cohortIds(), limits, mrnSystem),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                err,
                !noReports);
        if (verbose) {
            err.println("worklist: " + s.machine());
        }
        return s.patients() == 0 ? Evaluate.INVALID_INPUT : Evaluate.OK;
    }

    private java.util.Set<String> cohortIds() throws java.io.IOException {
        if (cohort == null) {
            return java.util.Set.of();
        }
        return java.nio.file.Files.readAllLines(cohort).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** A size in bytes, or with a K, M or G suffix (1024-based; "KiB" and "KB" spellings too). */
    static final class ByteSize implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,15})\\s*(([KMG])(i?B)?)?\\s*")
                    .matcher(value);
            if (!m.matches()) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a size (a number of bytes, or with K, M or G: 512M, 64G)");
            }
            int shift = m.group(3) == null
                    ? 0
                    : 10 * ("KMG".indexOf(Character.toUpperCase(m.group(3).charAt(0))) + 1);
            return Long.parseLong(m.group(1)) << shift;
        }
    }

    /** {@code generate-export}: a synthetic ketamine-course Bulk Data export, for trials and benchmarks. */
    @Command(
            name = "generate-export",
            mixinStandardHelpOptions = true,
            description =
                    "Writes a seeded synthetic Bulk Data export of ketamine and esketamine courses (same seed, same bytes).")
    static final class Generate implements Callable<Integer> {
        @Parameters(paramLabel = "FOLDER")
        Path folder;

        @Option(
                names = "--patients",
                defaultValue = "1000",
                description = "Number of patients (default ${DEFAULT-VALUE}).")
        int patients;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--as-of",
                required = true,
                paramLabel = "INSTANT",
                description = "The instant the courses lead up to.")
        OffsetDateTime asOf;

        @Override
        public Integer call() throws Exception {
            SyntheticExport.generate(folder, patients, seed, asOf);
            System.err.println("generate-export: " + patients + " patients in " + folder);
            return Evaluate.OK;
        }
    }
}
