package org.ketaminecds.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.ketaminecds.service.store.Store;
import org.ketaminecds.service.store.SuppressionPolicy;
import org.ketaminecds.support.PrivateFiles;
import picocli.CommandLine.Option;

/** The store's options, shared by the service and its audit export. */
final class StoreOptions {
    @Option(
            names = "--store",
            defaultValue = "${env:KETAMINE_CDS_STORE:-embedded}",
            paramLabel = "JDBC-URL|embedded|none",
            description = "Where issued cards, feedback, overrides and used token ids are kept: a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host/db), 'embedded' (default: an H2 file under --data-dir, one machine), or "
                    + "'none' (nothing kept: no suppression after overrides, feedback not checked against issued cards, "
                    + "tokens issued before a restart refused).")
    String store;

    @Option(names = "--store-user", defaultValue = "${env:KETAMINE_CDS_STORE_USER}", description = "Database user.")
    String user;

    @Option(
            names = "--store-password",
            defaultValue = "${env:KETAMINE_CDS_STORE_PASSWORD}",
            description = "Database password.")
    String password;

    @Option(
            names = "--store-key",
            defaultValue = "${env:KETAMINE_CDS_STORE_KEY}",
            description =
                    "The deployment secret (at least 32 characters) of the keyed hash that stands for a patient in "
                            + "the store; required with PostgreSQL, and the same on every replica. Embedded: generated once into "
                            + "--data-dir if not given.")
    String key;

    @Option(
            names = "--store-key-file",
            defaultValue = "${env:KETAMINE_CDS_STORE_KEY_FILE}",
            description = "A file holding --store-key (owner-only, not a symbolic link), so that the secret is not "
                    + "visible in the process list as a command-line value is.")
    Path keyFile;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:KETAMINE_CDS_DATA_DIR:-${sys:user.home}/.ketamine-cds/data}",
            description = "Directory of the embedded store (default ${DEFAULT-VALUE}: per user, never the directory "
                    + "the service happens to be started from; printed at start).")
    Path dataDir;

    @Option(
            names = "--retention",
            defaultValue = "${env:KETAMINE_CDS_RETENTION:-P365D}",
            description = "How long issued cards and feedback are kept (local policy default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(
            names = "--suppress-info",
            defaultValue = "${env:KETAMINE_CDS_SUPPRESS_INFO:-P7D}",
            description = "How long an overridden info card is held back for the same patient, rule and facts (local "
                    + "policy default ${DEFAULT-VALUE}; PT0S never).")
    Duration suppressInfo;

    @Option(
            names = "--suppress-warning",
            defaultValue = "${env:KETAMINE_CDS_SUPPRESS_WARNING:-PT24H}",
            description = "The same for a warning card (local policy default ${DEFAULT-VALUE}).")
    Duration suppressWarning;

    @Option(
            names = "--suppress-critical",
            defaultValue = "${env:KETAMINE_CDS_SUPPRESS_CRITICAL:-PT0S}",
            description =
                    "The same for a critical card (default never; more than zero needs --suppress-critical-reason).")
    Duration suppressCritical;

    @Option(
            names = "--suppress-critical-reason",
            defaultValue = "${env:KETAMINE_CDS_SUPPRESS_CRITICAL_REASON}",
            description = "The site's written reason for holding critical cards back after an override.")
    String criticalReason;

    /** The store these options describe, or null for 'none'. */
    Store open(Clock clock) throws IOException {
        if (store.equals("none")) {
            return null;
        }
        boolean embedded = store.equals("embedded");
        if (!embedded && !store.startsWith("jdbc:postgresql:") && !store.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--store must be a jdbc:postgresql: URL, 'embedded' or 'none'");
        }
        if (key != null && !key.isBlank() && keyFile != null) {
            throw new IllegalArgumentException("give --store-key or --store-key-file, not both");
        }
        if (embedded) {
            PrivateFiles.directory(dataDir);
            System.err.println("embedded store in " + dataDir.toAbsolutePath());
        }
        byte[] secret;
        if (keyFile != null) {
            secret = new String(PrivateFiles.readSecret(keyFile, "--store-key-file"), StandardCharsets.UTF_8)
                    .strip()
                    .getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException("--store-key-file " + keyFile + " must hold at least 32 characters");
            }
        } else if (key != null && !key.isBlank()) {
            secret = key.getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException("--store-key must be at least 32 characters");
            }
        } else if (embedded) {
            secret = generatedKey(dataDir.resolve("patient-key"));
        } else {
            throw new IllegalArgumentException(
                    "--store-key or --store-key-file is required with a database shared by replicas");
        }
        String url = embedded ? Store.Settings.embeddedUrl(dataDir) : store;
        Store opened = Store.open(
                new Store.Settings(
                        url,
                        user,
                        password,
                        secret,
                        retention,
                        new SuppressionPolicy(suppressInfo, suppressWarning, suppressCritical, criticalReason)),
                clock);
        if (embedded) {
            // The database library creates its files with the process's umask: owner-only, like the directory.
            try (java.util.stream.Stream<Path> files = Files.list(dataDir)) {
                for (Path f : files.toList()) {
                    PrivateFiles.restrict(f);
                }
            }
        }
        return opened;
    }

    /** The embedded store's key: made once (32 random bytes, owner-only file) and reused. */
    private static byte[] generatedKey(Path file) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return PrivateFiles.readSecret(file, "the store's key file");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        Files.write(file, secret);
        return secret;
    }
}
