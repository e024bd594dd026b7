package org.ketaminecds.service;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ketaminecds.service.store.Store;
import org.ketaminecds.support.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit-export}: the feedback and override history of a period as NDJSON, for the clinical safety officer. */
@Command(
        name = "audit-export",
        mixinStandardHelpOptions = true,
        description =
                "Writes the feedback recorded in [--from, --to) as NDJSON: one line per entry with times, service, "
                        + "rule, indicator, card, the patient key (a keyed hash, never the id), outcome, accepted suggestions, "
                        + "override reason code and whether a comment was given.")
final class AuditExport implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, description = "Start instant (ISO-8601, inclusive).")
    Instant from;

    @Option(names = "--to", description = "End instant (ISO-8601, exclusive; default now).")
    Instant to;

    @Option(
            names = {"-o", "--output"},
            description = "File to write (default standard output).")
    Path output;

    @Override
    public Integer call() throws Exception {
        takeStoreOptionsGivenBeforeTheSubcommand();
        if ("none".equals(storeOptions.store)) {
            throw new IllegalArgumentException("--store none keeps no audit trail");
        }
        if ("embedded".equals(storeOptions.store) && !Files.exists(storeOptions.dataDir.resolve("store.mv.db"))) {
            throw new IllegalArgumentException("no embedded store in " + storeOptions.dataDir.toAbsolutePath()
                    + ": give the --data-dir the service uses");
        }
        try (Store store = storeOptions.open(Clock.systemUTC())) {
            Instant end = to == null ? Instant.now() : to;
            try (Writer out = output == null
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : PrivateFiles.newWriter(output)) {
                long lines = store.exportAudit(from, end, out);
                System.err.println("audit-export: " + lines + " entries from " + from + " to " + end);
            }
        }
        return 0;
    }

    /**
     * {@code service --data-dir D audit-export}: store options given to the service command before the subcommand
     * apply to it, unless the subcommand names them again.
     */
    private void takeStoreOptionsGivenBeforeTheSubcommand() {
        CommandSpec parent = spec.parent();
        if (parent == null || parent.commandLine().getParseResult() == null) {
            return;
        }
        var given = parent.commandLine().getParseResult();
        var own = spec.commandLine().getParseResult();
        for (OptionSpec option : spec.mixins().get("storeOptions").options()) {
            OptionSpec before = parent.findOption(option.longestName());
            if (before != null && given.hasMatchedOption(before) && !own.hasMatchedOption(option)) {
                option.setValue(before.getValue());
            }
        }
    }
}
