package org.ketaminecds.service.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.ketaminecds.cds.Card;
import org.ketaminecds.hooks.CardLedger;
import org.ketaminecds.service.JwtAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's durable state in one database shared by every replica: issued cards, feedback, overrides that hold
 * a card back, and used JWT ids. PostgreSQL in production; an embedded H2 database (PostgreSQL mode, a file) by
 * default. The schema is created and upgraded by Flyway migrations ({@code db/migration}) at start. Thread-safe.
 *
 * <p>What is stored is the minimum: card uuid, service, rule id, indicator, a keyed hash of the patient id, a
 * fingerprint of the card's facts, times, the outcome and coded override reason, and whether a comment was given.
 * No card text, no comment text, no patient identifier in clear.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param jdbcUrl a PostgreSQL ({@code jdbc:postgresql:...}) or H2 URL
     * @param patientKeySecret the deployment secret of the patient-id hash (at least 32 bytes)
     * @param retention how long issued cards and feedback are kept
     */
    public record Settings(
            String jdbcUrl,
            String user,
            String password,
            byte[] patientKeySecret,
            Duration retention,
            SuppressionPolicy suppression) {
        public Settings {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(patientKeySecret, "patientKeySecret");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(suppression, "suppression");
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("the retention must be positive, was " + retention);
            }
        }

        /**
         * The embedded default: an H2 file in PostgreSQL mode under {@code directory}. H2's background writer stays on
         * (its default write delay), since it is also what frees and compacts the file's old chunks: with
         * {@code WRITE_DELAY=0} it is off, and a soak run measured the store's chunk records growing without bound
         * (56,632 in 9 minutes, about 1.4 MiB of heap a minute). Each write is still on disk before it is acknowledged:
         * the store ends every write with {@code CHECKPOINT} on H2 (see {@link Store#written}).
         */
        public static String embeddedUrl(java.nio.file.Path directory) {
            return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("store")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" + ";DEFAULT_NULL_ORDERING=HIGH";
        }
    }

    private final HikariDataSource dataSource;
    private final boolean h2;
    final PatientKeys patients;
    final Settings settings;
    private final Clock clock;

    private Store(HikariDataSource dataSource, Settings settings, Clock clock) {
        this.h2 = settings.jdbcUrl().startsWith("jdbc:h2:");
        this.dataSource = dataSource;
        this.patients = new PatientKeys(settings.patientKeySecret());
        this.settings = settings;
        this.clock = clock;
    }

    /** Connects, migrates the schema to the current version, and returns the store. */
    public static Store open(Settings settings, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        config.setPoolName("ketamine-cds-store");
        if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
            // A hung database must not hold a hook call: bounded connect, socket and statement times.
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "10");
            config.addDataSourceProperty("options", "-c statement_timeout=5000");
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        LOG.info(
                "Store ready ({}), retention {}, suppression info {} warning {} critical {}",
                settings.jdbcUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "embedded",
                settings.retention(),
                settings.suppression().info(),
                settings.suppression().warning(),
                settings.suppression().critical());
        return new Store(ds, settings, clock);
    }

    /**
     * Makes the connection's committed writes durable before they are acknowledged: on H2, {@code CHECKPOINT} writes
     * them to the file now rather than at the background writer's next turn (so acknowledged feedback survives the
     * process being killed); PostgreSQL's commit already is.
     */
    void written(Connection c) throws SQLException {
        if (h2) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers (for readiness). */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The card ledger the CDS Hooks handler uses. */
    public CardLedger ledger() {
        return new StoreLedger(this);
    }

    /**
     * Replay protection across replicas and restarts: each issuer and jti accepted once. While the database does not
     * answer, this replica falls back to remembering the tokens it saw itself (a WARN says so): decision support goes
     * on, and only a replay to another replica during the outage would pass.
     */
    public JwtAuthenticator.ReplayGuard replayGuard() {
        JwtAuthenticator.ReplayGuard local = JwtAuthenticator.inMemory(clock);
        return new JwtAuthenticator.ReplayGuard() {
            @Override
            public boolean firstUse(String key, Instant expiry) {
                boolean here = local.firstUse(key, expiry);
                try (Connection c = dataSource.getConnection()) {
                    boolean first = Tables.TokenUses.record(c, PatientKeys.sha256(key), expiry);
                    written(c);
                    return first && here;
                } catch (SQLException e) {
                    LOG.warn(
                            "Replay store unavailable ({}): this replica checks token ids on its own until it answers",
                            e.getClass().getSimpleName());
                    return here;
                }
            }

            @Override
            public boolean remembersEarlierProcesses() {
                return true;
            }
        };
    }

    /** Deletes expired token records and suppressions, and cards and feedback older than the retention. */
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.retention());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Purged p = new Purged(
                    Tables.TokenUses.purge(c, now),
                    Tables.Suppressions.purge(c, now),
                    Tables.Feedbacks.purge(c, cutoff),
                    Tables.IssuedCards.purge(c, cutoff));
            c.commit();
            written(c);
            return p;
        } catch (SQLException e) {
            throw new IllegalStateException("the store could not be purged", e);
        }
    }

    /** Rows deleted by {@link #purge}. */
    public record Purged(int tokens, int suppressions, int feedback, int cards) {}

    /**
     * Writes the feedback recorded in [from, to) as NDJSON, one line per entry, oldest first: times, service, rule,
     * indicator, the card key and patient key (keyed hashes), outcome, accepted suggestions, override reason and whether a
     * comment was given. Returns the number of lines.
     */
    public long exportAudit(Instant from, Instant to, Writer out) throws IOException {
        long lines = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = Tables.Feedbacks.audit(c, from, to);
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("recordedAt", Tables.instant(rs, "recorded_at").toString());
                line.put("outcomeAt", Tables.instant(rs, "outcome_at").toString());
                line.put("service", rs.getString("service_id"));
                line.put("ruleId", rs.getString("rule_id"));
                line.put("indicator", rs.getString("indicator"));
                line.put("cardKey", rs.getString("card_key"));
                line.put("patientKey", rs.getString("patient_key"));
                line.put("outcome", rs.getString("outcome"));
                String accepted = rs.getString("accepted_suggestions");
                line.putPOJO(
                        "acceptedSuggestions", accepted.isEmpty() ? List.of() : Arrays.asList(accepted.split(",")));
                line.put("overrideReason", rs.getString("override_reason"));
                line.put("commentGiven", rs.getBoolean("comment_given"));
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
                lines++;
            }
        } catch (SQLException e) {
            throw new IOException("the audit trail could not be read", e);
        }
        out.flush();
        return lines;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The keyed fingerprint of a card's facts (facts are few and guessable, so an unkeyed hash would reveal them). */
    String fingerprint(Card card) {
        return patients.keyed(
                card.ruleId() + "\n" + String.join("\n", card.explanation().facts()));
    }

    /**
     * A value within a client's scope: unchanged for the unauthenticated, unscoped caller (so stores from before
     * clients were told apart keep their keys), else prefixed by the scope. Keys made before this change do not match
     * a scoped call: an authenticated client's earlier overrides are not applied again (cards are shown).
     */
    static String scoped(String scope, String value) {
        return scope.isEmpty() || scope.equals("\u0000") ? value : scope + "\u0000" + value;
    }
}
