package org.ketaminecds.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.CdsException;
import org.ketaminecds.Evaluation;
import org.ketaminecds.EvaluationStatus;
import org.ketaminecds.InvalidFactException;
import org.ketaminecds.NotEvaluated;
import org.ketaminecds.UncheckedMedication;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.policy.PolicyFile;

/**
 * Command-line evaluator: reads a session-context JSON file and prints the cards grouped by indicator, for a
 * clinician (summary, what to do, why, the facts, the source), or with {@code --json} the CDS Hooks response.
 *
 * <p>Exit codes: 0 evaluated; 2 usage error; 3 invalid input (the message names the JSON path); 4 file not
 * readable; 5 the rules could not run.
 */
public final class Evaluate {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int UNREADABLE = 4;
    public static final int NOT_EVALUATED = 5;

    private static final String USAGE_TEXT = """
            usage: evaluate [--json] [--policy <policy-file>] <session-context.json | folder>
                   evaluate policy-diff <policy-file>
              prints the Ketamine CDS cards for one session context, grouped by indicator;
              for a folder, evaluates each .json file in name order (e.g. the sessions of a course)
              --json     print the CDS Hooks 2.0 response instead
              --policy   apply a site policy file (JSON or YAML) instead of the shipped defaults
              policy-diff  validate a site policy file and print how it differs from the shipped
                           defaults, each difference with its reason, for a clinical safety review
            exit codes: 0 evaluated, 2 usage, 3 invalid input, 4 unreadable file, 5 rules could not run""";

    /** Built on first use and shared: one engine per process. */
    private static final java.util.function.Supplier<CdsEngine> ENGINE = new java.util.function.Supplier<>() {
        private volatile CdsEngine engine;

        @Override
        public CdsEngine get() {
            CdsEngine e = engine;
            if (e == null) {
                synchronized (this) {
                    if (engine == null) {
                        engine = CdsEngine.create();
                    }
                    e = engine;
                }
            }
            return e;
        }
    };

    private Evaluate() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the evaluator; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("policy-diff")) {
            if (args.length != 2) {
                err.println(USAGE_TEXT);
                return USAGE;
            }
            return policyDiff(Path.of(args[1]), out, err);
        }
        boolean json = false;
        Path file = null;
        Path policyFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--policy") && i + 1 < args.length && policyFile == null) {
                policyFile = Path.of(args[++i]);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE_TEXT);
                return OK;
            } else if (arg.startsWith("-") || file != null) {
                err.println("unexpected argument: " + arg);
                err.println(USAGE_TEXT);
                return USAGE;
            } else {
                file = Path.of(arg);
            }
        }
        if (file == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        CdsEngine engine;
        try {
            engine = policyFile == null ? ENGINE.get() : engine(readPolicy(policyFile, err), policyFile, err);
        } catch (Exit e) {
            return e.code;
        }
        if (Files.isDirectory(file)) {
            return runFolder(engine, file, json, out, err);
        }
        return runFile(engine, file, json, out, err);
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
        try {
            return PolicyFile.read(policyFile);
        } catch (InvalidFactException e) {
            err.println("invalid policy file " + policyFile + ": " + e.getMessage());
            throw new Exit(INVALID_INPUT);
        } catch (NoSuchFileException e) {
            err.println("no such file: " + policyFile);
            throw new Exit(UNREADABLE);
        } catch (IOException | IllegalStateException e) {
            err.println("cannot read " + policyFile + ": " + e.getMessage());
            throw new Exit(UNREADABLE);
        }
    }

    /** An engine with the policy; rule ids and topics it names are checked against the loaded rules. */
    private static CdsEngine engine(PolicyFile policy, Path policyFile, PrintStream err) throws Exit {
        try {
            return CdsEngine.builder().policy(policy.policy()).build();
        } catch (CdsException e) {
            err.println("invalid policy file " + policyFile + ": " + e.getMessage());
            throw new Exit(INVALID_INPUT);
        }
    }

    private static int policyDiff(Path policyFile, PrintStream out, PrintStream err) {
        try {
            PolicyFile policy = readPolicy(policyFile, err);
            CdsEngine engine = engine(policy, policyFile, err);
            out.print(policy.report(engine.rules()));
            out.println("\nValidated against Ketamine CDS rule set " + engine.ruleSetVersion() + " ("
                    + engine.rules().size() + " rules): every rule id and topic it names exists.");
            return OK;
        } catch (Exit e) {
            return e.code;
        }
    }

    private static int runFolder(CdsEngine engine, Path folder, boolean json, PrintStream out, PrintStream err) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            err.println("cannot read " + folder + ": " + e.getMessage());
            return UNREADABLE;
        }
        if (files.isEmpty()) {
            err.println("no .json files in " + folder);
            return UNREADABLE;
        }
        int worst = OK;
        for (Path f : files) {
            out.println("=== " + f.getFileName());
            int code = runFile(engine, f, json, out, err);
            worst = worst == OK ? code : worst;
            out.println();
        }
        return worst;
    }

    private static int runFile(CdsEngine engine, Path file, boolean json, PrintStream out, PrintStream err) {
        SessionContext context;
        try {
            context = CdsJson.readContext(file);
        } catch (InvalidFactException e) {
            err.println("invalid session context in " + file + ": " + e.getMessage());
            err.println("at JSON path " + e.path());
            return INVALID_INPUT;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + file);
            return UNREADABLE;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return UNREADABLE;
        }
        Evaluation evaluation;
        try {
            evaluation = engine.evaluate(context);
        } catch (CdsException e) {
            err.println("NOT EVALUATED: " + e.getMessage());
            return NOT_EVALUATED;
        }
        if (json) {
            out.println(CdsJson.writeResponse(evaluation));
        } else {
            out.print(render(evaluation));
        }
        return OK;
    }

    /** The evaluation as plain text for a clinician. */
    public static String render(Evaluation e) {
        StringBuilder text = new StringBuilder();
        text.append("Ketamine CDS ").append(e.ruleSetVersion()).append(" · policy ").append(e.policyName())
                .append(" · as of ").append(e.asOf()).append('\n');
        if (e.status() == EvaluationStatus.INCOMPLETE) {
            text.append("\n!! EVALUATION INCOMPLETE: some checks could not run\n");
            for (NotEvaluated n : e.notEvaluated()) {
                text.append("   - ").append(n.check()).append(": ").append(n.reason()).append('\n');
            }
        }
        for (Indicator indicator : List.of(Indicator.CRITICAL, Indicator.WARNING, Indicator.INFO)) {
            List<Card> cards = e.cards(indicator);
            if (cards.isEmpty()) {
                continue;
            }
            text.append('\n').append(indicator.name()).append(" (").append(cards.size()).append(")\n");
            for (Card card : cards) {
                text.append("\n* ").append(card.summary()).append('\n');
                for (String line : plain(card.detail())) {
                    text.append("  ").append(line).append('\n');
                }
            }
        }
        if (e.cards().isEmpty()) {
            text.append('\n').append(e.status() == EvaluationStatus.COMPLETE
                    ? "No cards: every check ran and found nothing to report.\n"
                    : "No cards from the checks that ran.\n");
        }
        if (!e.uncheckedMedications().isEmpty()) {
            text.append("\nNOT CHECKED for interactions (not recognised):\n");
            for (UncheckedMedication u : e.uncheckedMedications()) {
                text.append("  - ").append(u.entry()).append(" (").append(u.reason()).append(")\n");
            }
        }
        if (!e.suppressedRules().isEmpty()) {
            text.append("\nSwitched off by site policy: ").append(String.join(", ", e.suppressedRules())).append('\n');
        }
        return text.toString();
    }

    /** Markdown detail as indented plain lines: bold markers dropped, headings kept as labels. */
    private static List<String> plain(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean first = true;
        for (String line : markdown.split("\n")) {
            String l = line.replace("**", "");
            if (l.isBlank()) {
                continue;
            }
            lines.add(first && !l.startsWith("Why:") ? "What to do: " + l : l);
            first = false;
        }
        return lines;
    }
}
