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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
        try (Store store = storeOptions.open(Clock.systemUTC())) {
            if (store == null) {
                throw new IllegalArgumentException("--store none keeps no audit trail");
            }
            Instant end = to == null ? Instant.now() : to;
            try (Writer out = output == null
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                long lines = store.exportAudit(from, end, out);
                System.err.println("audit-export: " + lines + " entries from " + from + " to " + end);
            }
        }
        return 0;
    }
}
