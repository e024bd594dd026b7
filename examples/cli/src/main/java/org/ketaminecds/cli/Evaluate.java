package org.ketaminecds.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.CdsException;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.json.PolicyFile;
import org.ketaminecds.support.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Command-line evaluator: reads a session-context JSON file (or, with {@code --fhir}, a FHIR Bundle or CDS Hooks
 * prefetch map) and prints the cards grouped by indicator, for a clinician (summary, what to do, why, the facts, the
 * source), or with {@code --json} the CDS Hooks response. A folder is evaluated file by file in name order; with
 * {@code --json} it writes NDJSON, one line per file with its name, and long folders report progress and a summary
 * on stderr. {@code policy-diff} checks a site policy file against a knowledge base.
 *
 * <p>Exit codes: 0 evaluated; 2 usage error; 3 invalid input (the message names the JSON path); 4 file not
 * readable; 5 the rules could not run. For a folder, the first non-zero code of its files.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = Evaluate.Version.class,
        subcommands = {
            Evaluate.PolicyDiff.class,
            WorklistCommand.class,
            WorklistCommand.Generate.class,
            ReportCommand.class
        },
        sortOptions = false,
        description = "Prints the Ketamine CDS cards for one session context, grouped by indicator; for a folder, "
                + "evaluates each .json file in name order (e.g. the sessions of a course).",
        footer = {"", "Exit codes: 0 evaluated, 2 usage, 3 invalid input, 4 unreadable file, 5 rules could not run."})
public final class Evaluate implements Callable<Integer> {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int UNREADABLE = 4;
    public static final int NOT_EVALUATED = 5;
    /** Folders with more files than this report progress on stderr. */
    static final int PROGRESS_FROM = 20;

    @Option(
            names = "--json",
            description = "Print the CDS Hooks 2.0 response (NDJSON for a folder: one line per file).")
    boolean json;

    @Option(
            names = "--provenance",
            description =
                    "Show each card's full provenance (guidance and evidence ids, rule set, policy hash) instead of "
                            + "the rule, its source and the grade of evidence.")
    boolean provenance;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Apply a site policy file (JSON or YAML) instead of the shipped defaults.")
    Path policyFile;

    @Option(
            names = "--knowledge-base",
            paramLabel = "NAME",
            defaultValue = "ketamineCds",
            description =
                    "The knowledge base (default ${DEFAULT-VALUE}); a site's kjar on the class path may add one that includes ours.")
    String knowledgeBase;

    @Option(
            names = "--fhir",
            description =
                    "The input is FHIR R4 JSON (a Bundle, resources, or a CDS Hooks prefetch map), read as the service reads it.")
    boolean fhir;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description = "With --fhir: the evaluation instant with its offset (default: now, in UTC).")
    OffsetDateTime asOf;

    @Parameters(
            paramLabel = "FILE|FOLDER",
            arity = "0..1",
            description = "A session-context JSON file (or FHIR with --fhir), or a folder of them.")
    Path input;

    private PrintStream out;
    PrintStream err; // the run's error stream, for the subcommands too

    /** Checks a site policy file and prints how it differs from the shipped defaults, for a clinical safety review. */
    @Command(
            name = "policy-diff",
            mixinStandardHelpOptions = true,
            description =
                    "Validate a site policy file against a knowledge base and print how it differs from the shipped "
                            + "defaults, each difference with its reason, for a clinical safety review.")
    static final class PolicyDiff implements Callable<Integer> {
        @Option(
                names = "--knowledge-base",
                paramLabel = "NAME",
                defaultValue = "ketamineCds",
                description = "The knowledge base the policy is checked against (default ${DEFAULT-VALUE}).")
        String knowledgeBase;

        @Parameters(paramLabel = "POLICY-FILE")
        Path policyFile;

        @picocli.CommandLine.ParentCommand
        Evaluate parent;

        @Override
        public Integer call() {
            try {
                PolicyFile policy = readPolicy(policyFile, parent.err);
                CdsEngine engine = engine(policy, policyFile, knowledgeBase, parent.err);
                parent.out.print(policy.report(engine.rules()));
                parent.out.println("\nValidated against Ketamine CDS rule set " + engine.ruleSetVersion()
                        + ", knowledge base " + knowledgeBase + " ("
                        + engine.rules().size() + " rules): every rule id and topic it names exists.");
                return OK;
            } catch (Exit e) {
                return e.code;
            }
        }
    }

    /** Built on first use and shared: one engine per process and knowledge base. */
    private static final java.util.Map<String, CdsEngine> ENGINES = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the evaluator; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Evaluate command = new Evaluate();
        command.out = out;
        command.err = err;
        CommandLine line = new CommandLine(command);
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("evaluate: " + BuildInfo.message(e));
            return e instanceof java.io.IOException ? UNREADABLE : NOT_EVALUATED;
        });
        return line.execute(args);
    }

    /** {@code --version}: the tool, the commit and the rule set. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.describe("ketamine-cds-cli")};
        }
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (input == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'FILE|FOLDER'");
        }
        CdsEngine engine;
        try {
            engine = policyFile == null && knowledgeBase.equals("ketamineCds")
                    ? ENGINES.computeIfAbsent(knowledgeBase, k -> CdsEngine.create())
                    : engine(readPolicy(policyFile, err), policyFile, knowledgeBase, err);
        } catch (Exit e) {
            return e.code;
        } catch (CdsException e) {
            err.println("evaluate: " + e.getMessage());
            return NOT_EVALUATED;
        }
        if (Files.isDirectory(input)) {
            return runFolder(engine, input);
        }
        return runFile(engine, input, null);
    }

    /** A problem already reported to the user, with the exit code to return. */
    private static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private static PolicyFile readPolicy(Path policyFile, PrintStream err) throws Exit {
        if (policyFile == null) {
            return null;
        }
        try {
            return PolicyFile.read(policyFile);
        } catch (InvalidFactException e) {
            err.println("invalid policy file " + policyFile + ": " + e.getMessage());
            throw new Exit(INVALID_INPUT);
        } catch (NoSuchFileException e) {
            err.println(BuildInfo.message(e));
            throw new Exit(UNREADABLE);
        } catch (IOException | IllegalStateException e) {
            err.println("cannot read " + policyFile + ": " + e.getMessage());
            throw new Exit(UNREADABLE);
        }
    }

    /** An engine with the policy (or the defaults) on a knowledge base; rule ids and topics are checked against it. */
    private static CdsEngine engine(PolicyFile policy, Path policyFile, String knowledgeBase, PrintStream err)
            throws Exit {
        try {
            CdsEngine.Builder builder = CdsEngine.builder().knowledgeBase(knowledgeBase);
            if (policy != null) {
                builder.policy(policy.policy());
            }
            return builder.build();
        } catch (CdsException e) {
            err.println((policyFile == null ? "knowledge base " + knowledgeBase : "invalid policy file " + policyFile)
                    + ": " + e.getMessage());
            throw new Exit(INVALID_INPUT);
        }
    }

    private int runFolder(CdsEngine engine, Path folder) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            err.println("cannot read " + folder + ": " + e.getMessage());
            return UNREADABLE;
        }
        if (entries.isEmpty()) {
            err.println("no .json files in " + folder);
            return UNREADABLE;
        }
        int worst = OK;
        int[] byCode = new int[6];
        long start = System.nanoTime();
        for (int i = 0; i < entries.size(); i++) {
            Path f = entries.get(i);
            int code;
            if (Files.isDirectory(f)) {
                err.println("skipped " + f.getFileName() + ": a folder, not a file");
                code = UNREADABLE;
            } else {
                if (!json) {
                    out.println("=== " + f.getFileName());
                }
                code = runFile(engine, f, f.getFileName().toString());
                if (!json) {
                    out.println();
                }
            }
            byCode[code]++;
            worst = worst == OK ? code : worst;
            if (entries.size() > PROGRESS_FROM
                    && ((i + 1) % Math.max(1, entries.size() / 10) == 0 || i + 1 == entries.size())) {
                err.printf(
                        java.util.Locale.ROOT,
                        "progress: %d of %d files (%.1f s)%n",
                        i + 1,
                        entries.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        if (entries.size() > PROGRESS_FROM || worst != OK) {
            err.printf(
                    java.util.Locale.ROOT,
                    "summary: %d files, %d evaluated, %d invalid, %d unreadable, %d not evaluated%n",
                    entries.size(),
                    byCode[OK],
                    byCode[INVALID_INPUT],
                    byCode[UNREADABLE],
                    byCode[NOT_EVALUATED]);
        }
        return worst;
    }

    /**
     * One file. With {@code name} (a folder's file) and {@code --json}, one NDJSON line {@code {"file", "response"}},
     * or {@code {"file", "error", "exitCode"}} when it could not be evaluated.
     */
    private int runFile(CdsEngine engine, Path file, String name) {
        SessionContext context;
        List<NotEvaluated> gaps = List.of();
        org.ketaminecds.fhir.FhirReadResult read = null;
        try {
            if (fhir) {
                read = new org.ketaminecds.fhir.FhirReader(engine.medications())
                        .read(
                                CdsJson.readTree(Files.readString(file)),
                                asOf != null ? asOf : OffsetDateTime.now(java.time.ZoneOffset.UTC));
                context = read.context();
                gaps = read.notEvaluated();
                read.issues().forEach(i -> err.println("FHIR issue: " + i.resource() + ": " + i.problem()));
            } else {
                context = CdsJson.readContext(file);
            }
        } catch (InvalidFactException e) {
            err.println("invalid " + (fhir ? "FHIR input" : "session context") + " in " + file + ": " + e.getMessage());
            err.println("at JSON path " + e.path());
            return fail(name, "invalid input at " + e.path(), INVALID_INPUT);
        } catch (NoSuchFileException e) {
            err.println("no such file: " + file);
            return fail(name, "no such file", UNREADABLE);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return fail(name, "unreadable", UNREADABLE);
        }
        Evaluation evaluation;
        try {
            evaluation = engine.evaluate(context, gaps);
        } catch (CdsException e) {
            err.println("NOT EVALUATED: " + e.getMessage());
            return fail(name, "not evaluated", NOT_EVALUATED);
        }
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode response = CdsJson.responseTree(evaluation);
            if (read != null && !read.issues().isEmpty()) {
                // The FHIR issues, as the CDS Hooks service returns them.
                ((com.fasterxml.jackson.databind.node.ObjectNode)
                                response.path("extension").path(CdsJson.EVALUATION_EXTENSION))
                        .set(org.ketaminecds.fhir.FhirReadResult.ISSUES_KEY, read.issuesJson());
            }
            if (name != null) {
                com.fasterxml.jackson.databind.node.ObjectNode line = CdsJson.object();
                line.put("file", name);
                line.set("response", response);
                out.println(CdsJson.writeCompact(line));
            } else {
                out.println(CdsJson.write(response));
            }
        } else {
            out.print(TextReport.render(evaluation, provenance));
        }
        return OK;
    }

    private int fail(String name, String error, int code) {
        if (json && name != null) {
            com.fasterxml.jackson.databind.node.ObjectNode line = CdsJson.object();
            line.put("file", name).put("error", error).put("exitCode", code);
            out.println(CdsJson.writeCompact(line));
        }
        return code;
    }
}
