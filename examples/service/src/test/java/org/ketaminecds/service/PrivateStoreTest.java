package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminecds.service.store.Store;
import picocli.CommandLine;

/**
 * The embedded store's files are the owner's alone, its key is refused when others could read it, and the audit
 * export reads the store the service uses, with store options given before or after the subcommand.
 */
class PrivateStoreTest {
    @TempDir
    Path dir;

    private static StoreOptions options(String... args) {
        return CommandLine.populateCommand(new StoreOptions(), args);
    }

    @Test
    void theDataDirectoryAndEveryStoreFile_areOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (Store store = options("--data-dir", data.toString()).open(Clock.systemUTC())) {
            assertThat(store).isNotNull();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.toList())
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.getFileName().toString())
                            .isEqualTo("rw-------"));
        }
    }

    @Test
    void aKeyFileOthersCanRead_orASymbolicLink_isRefused() throws Exception {
        Path data = dir.resolve("data");
        options("--data-dir", data.toString()).open(Clock.systemUTC()).close();
        Path key = data.resolve("patient-key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> options("--data-dir", data.toString()).open(Clock.systemUTC()))
                .hasMessageContaining("patient-key")
                .hasMessageContaining("chmod 600");

        Path secret = dir.resolve("secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, secret);
        assertThatThrownBy(() -> options(
                                "--store", "jdbc:postgresql://localhost/none", "--store-key-file", link.toString())
                        .open(Clock.systemUTC()))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> options(
                                "--store",
                                "jdbc:postgresql://localhost/none",
                                "--store-key-file",
                                secret.toString(),
                                "--store-key",
                                "x".repeat(40))
                        .open(Clock.systemUTC()))
                .hasMessageContaining("not both");
    }

    @Test
    void auditExport_readsTheStoreNamedBeforeOrAfterTheSubcommand_andSaysWhenThereIsNone() throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("audit.ndjson");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String[] before = {
                "--clinic-zone",
                "UTC",
                "--data-dir",
                data.toString(),
                "audit-export",
                "--from",
                "2026-01-01T00:00:00Z",
                "-o",
                out.toString()
            };
            assertThat(ServiceCommand.run(before)).isEqualTo(1);
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("no embedded store in " + data.toAbsolutePath());
            assertThat(data).doesNotExist();

            options("--data-dir", data.toString()).open(Clock.systemUTC()).close();
            captured.reset();
            assertThat(ServiceCommand.run(before))
                    .as(captured.toString(StandardCharsets.UTF_8))
                    .isZero();
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("audit-export: 0 entries");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                    .isEqualTo("rw-------");
            captured.reset();
            String[] after = {
                "--clinic-zone",
                "UTC",
                "audit-export",
                "--data-dir",
                data.toString(),
                "--from",
                "2026-01-01T00:00:00Z",
                "-o",
                out.toString()
            };
            assertThat(ServiceCommand.run(after))
                    .as(captured.toString(StandardCharsets.UTF_8))
                    .isZero();
        } finally {
            System.setErr(err);
        }
    }
}
