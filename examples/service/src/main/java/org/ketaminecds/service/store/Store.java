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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.Suggestion;
import org.ketaminecds.hooks.CardLedger;
import org.ketaminecds.hooks.FeedbackEvent;
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
    private final PatientKeys patients;
    private final Settings settings;
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
        return new Ledger();
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
    private static String scoped(String scope, String value) {
        return scope.isEmpty() || scope.equals("\u0000") ? value : scope + "\u0000" + value;
    }

    /** Feedback entries kept per card (a clinician answers a card once or twice; more is a client gone wrong). */
    static final int MAX_FEEDBACK_PER_CARD = 20;

    /** The clock difference tolerated between the EHR and this service for an outcome's time. */
    static final Duration FEEDBACK_SKEW = Duration.ofMinutes(5);

    /**
     * Why an entry does not fit the card it names, or null: the outcome's time within the card's life (not before it
     * was first issued, not after now, each with {@link #FEEDBACK_SKEW}) and an override reason the card offered.
     */
    private static CardLedger.Refusal invalid(int i, FeedbackEvent e, Tables.IssuedCards.Row card, Instant now) {
        String where = "feedback[" + i + "]";
        if (e.outcomeTimestamp().isAfter(now.plus(FEEDBACK_SKEW))) {
            return new CardLedger.Refusal(400, where + ".outcomeTimestamp is in the future; nothing was recorded");
        }
        if (card.firstIssued() != null
                && e.outcomeTimestamp().isBefore(card.firstIssued().minus(FEEDBACK_SKEW))) {
            return new CardLedger.Refusal(
                    400, where + ".outcomeTimestamp is before the card was issued; nothing was recorded");
        }
        if (e.overrideReason() != null
                && card.overrideReasons() != null
                && !Arrays.asList(card.overrideReasons().split(",")).contains(e.overrideReason())) {
            return new CardLedger.Refusal(
                    400, where + ".overrideReason is not one of the reasons the card offered; nothing was recorded");
        }
        return null;
    }

    private final class Ledger implements CardLedger {
        @Override
        public List<Withheld> issue(String serviceId, String patientId, List<Card> cards, Instant now) {
            return issue(Client.ANY, serviceId, patientId, cards, now);
        }

        @Override
        public List<Withheld> issue(Client client, String serviceId, String patientId, List<Card> cards, Instant now) {
            if (cards.isEmpty()) {
                return List.of();
            }
            String patientKey = patientId == null
                    ? null
                    : patients.of(scoped(client.issuer() + "\u0000" + client.fhirServer(), patientId));
            try (Connection c = dataSource.getConnection()) {
                // One query for the patient's suppressions and one batch of new cards, in one transaction (one disk
                // write) per call. A card issued before (or by another replica at the same moment) is a key conflict:
                // then the call is redone a card at a time, updating the cards that exist.
                c.setAutoCommit(false);
                List<Withheld> withheld = new ArrayList<>();
                List<Tables.IssuedCards.Row> rows = new ArrayList<>();
                try {
                    java.util.Map<String, Tables.Suppressions.Active> active =
                            patientKey == null ? java.util.Map.of() : Tables.Suppressions.activeFor(c, patientKey, now);
                    for (Card card : cards) {
                        String fingerprint = fingerprint(card);
                        Tables.Suppressions.Active a = active.get(card.ruleId() + "|" + fingerprint);
                        // Held back only while the indicator has not risen since the override.
                        if (a != null && card.indicator().compareTo(Indicator.fromCode(a.indicator())) <= 0) {
                            withheld.add(new Withheld(card, a.overriddenAt(), a.until(), a.reason()));
                        } else {
                            rows.add(new Tables.IssuedCards.Row(
                                    patients.keyed(scoped(client.issuer(), card.uuid())),
                                    serviceId,
                                    card.ruleId(),
                                    card.indicator().code(),
                                    patientKey,
                                    fingerprint,
                                    String.join(
                                            ",",
                                            card.suggestions().stream()
                                                    .map(Suggestion::uuid)
                                                    .toList()),
                                    String.join(
                                            ",",
                                            card.overrideReasons().stream()
                                                    .map(r -> r.system() + "|" + r.code())
                                                    .toList()),
                                    now));
                        }
                    }
                    Tables.IssuedCards.insertAll(c, rows, now);
                    c.commit();
                    written(c);
                    return withheld;
                } catch (SQLException e) {
                    c.rollback();
                    if (!Tables.duplicate(e)) {
                        throw e;
                    }
                }
                c.setAutoCommit(true);
                for (Tables.IssuedCards.Row row : rows) {
                    Tables.IssuedCards.issue(c, row, now);
                }
                written(c);
                return withheld;
            } catch (SQLException e) {
                throw new IllegalStateException("the card ledger is unavailable", e);
            }
        }

        @Override
        public Refusal record(List<FeedbackEvent> events, Instant now) {
            return record("", events, now);
        }

        @Override
        public Refusal record(String issuer, List<FeedbackEvent> events, Instant now) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    for (int i = 0; i < events.size(); i++) {
                        FeedbackEvent e = events.get(i);
                        String key = patients.keyed(scoped(issuer, e.card()));
                        Tables.IssuedCards.Row card = Tables.IssuedCards.find(c, key, e.serviceId());
                        if (card == null) {
                            c.rollback();
                            return new Refusal(
                                    404,
                                    "feedback[" + i + "].card is not a card this service issued "
                                            + "(or it is older than the retention); nothing was recorded");
                        }
                        List<String> offered = card.suggestions().isEmpty()
                                ? List.of()
                                : Arrays.asList(card.suggestions().split(","));
                        for (String s : e.acceptedSuggestions()) {
                            if (!offered.contains(s)) {
                                c.rollback();
                                return new Refusal(
                                        400,
                                        "feedback[" + i + "].acceptedSuggestions names a suggestion "
                                                + "that card did not offer; nothing was recorded");
                            }
                        }
                        Refusal invalid = invalid(i, e, card, now);
                        if (invalid != null) {
                            c.rollback();
                            return invalid;
                        }
                        long[] earlier = Tables.Feedbacks.countAndSame(c, key, e.outcome(), e.outcomeTimestamp());
                        if (earlier[1] > 0) {
                            continue; // the same entry sent again: recorded once
                        }
                        if (earlier[0] >= MAX_FEEDBACK_PER_CARD) {
                            c.rollback();
                            return new Refusal(
                                    400,
                                    "feedback[" + i + "].card already has " + MAX_FEEDBACK_PER_CARD
                                            + " feedback entries; nothing was recorded");
                        }
                        Tables.Feedbacks.insert(
                                c,
                                key,
                                e.outcome(),
                                String.join(",", e.acceptedSuggestions()),
                                e.overrideReason(),
                                e.userCommentGiven(),
                                e.outcomeTimestamp(),
                                now);
                        Duration period = settings.suppression().period(Indicator.fromCode(card.indicator()));
                        if (e.outcome().equals("overridden") && card.patientKey() != null && !period.isZero()) {
                            Tables.Suppressions.upsert(
                                    c, card, e.overrideReason(), e.outcomeTimestamp(), now.plus(period));
                        }
                    }
                    c.commit();
                    written(c);
                    return null;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the feedback store is unavailable", e);
            }
        }
    }
}
