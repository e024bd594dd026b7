package org.ketaminecds.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The store's SQL, one class per table; every statement of a table is in its class. */
final class Tables {
    private Tables() {}

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** True if the exception is a unique-key violation (SQLState 23505 on PostgreSQL and H2). */
    static boolean duplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** {@code issued_card}: the cards a service returned. */
    static final class IssuedCards {
        private IssuedCards() {}

        record Row(
                String card,
                String serviceId,
                String ruleId,
                String indicator,
                String patientKey,
                String fingerprint,
                String suggestions,
                String overrideReasons,
                Instant firstIssued) {}

        /**
         * Records the card, or its latest issue time if it was issued before. With auto-commit, when another replica
         * inserts the same card at the same moment, the insert fails on the key and the update runs again; inside a
         * transaction the key conflict is thrown (PostgreSQL aborts the transaction) for the caller to redo.
         */
        static void issue(Connection c, Row row, Instant now) throws SQLException {
            if (touch(c, row, now)) {
                return;
            }
            try {
                insert(c, row, now);
            } catch (SQLException e) {
                if (!duplicate(e) || !c.getAutoCommit()) {
                    throw e;
                }
                touch(c, row, now);
            }
        }

        /** Inserts new cards in one batch; throws on a key conflict (a card issued before) for the caller to redo. */
        static void insertAll(Connection c, java.util.List<Row> rows, Instant now) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    bind(insert, row, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (java.sql.BatchUpdateException e) {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                throw duplicate(e) || duplicate(cause) ? new SQLException("a card was issued before", "23505", e) : e;
            }
        }

        private static final String INSERT = "INSERT INTO issued_card (card_key, service_id, rule_id, indicator, "
                + "patient_key, facts_fingerprint, suggestions, first_issued_at, last_issued_at, override_reasons) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

        private static void bind(PreparedStatement insert, Row row, Instant now) throws SQLException {
            insert.setObject(1, row.card());
            insert.setString(2, row.serviceId());
            insert.setString(3, row.ruleId());
            insert.setString(4, row.indicator());
            insert.setString(5, row.patientKey());
            insert.setString(6, row.fingerprint());
            insert.setString(7, row.suggestions());
            insert.setObject(8, ts(now));
            insert.setObject(9, ts(now));
            insert.setString(10, row.overrideReasons());
        }

        private static boolean touch(Connection c, Row row, Instant now) throws SQLException {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE issued_card SET last_issued_at = ? WHERE card_key = ?")) {
                update.setObject(1, ts(now));
                update.setObject(2, row.card());
                return update.executeUpdate() > 0;
            }
        }

        private static void insert(Connection c, Row row, Instant now) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bind(insert, row, now);
                insert.executeUpdate();
            }
        }

        static Row find(Connection c, String card, String serviceId) throws SQLException {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT card_key, service_id, rule_id, indicator, patient_key, facts_fingerprint, suggestions, "
                            + "override_reasons, first_issued_at FROM issued_card WHERE card_key = ? AND service_id = ?")) {
                q.setObject(1, card);
                q.setString(2, serviceId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next()
                            ? new Row(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    instant(rs, "first_issued_at"))
                            : null;
                }
            }
        }

        /** Deletes cards last issued before the cutoff (their feedback goes with them). */
        static int purge(Connection c, Instant cutoff) throws SQLException {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM issued_card WHERE last_issued_at < ?")) {
                d.setObject(1, ts(cutoff));
                return d.executeUpdate();
            }
        }
    }

    /** {@code feedback}: outcomes of issued cards. */
    static final class Feedbacks {
        private Feedbacks() {}

        static void insert(
                Connection c,
                String card,
                String outcome,
                String acceptedSuggestions,
                String overrideReason,
                boolean commentGiven,
                Instant outcomeAt,
                Instant now)
                throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO feedback (card_key, outcome, "
                    + "accepted_suggestions, override_reason, comment_given, outcome_at, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, card);
                insert.setString(2, outcome);
                insert.setString(3, acceptedSuggestions);
                insert.setString(4, overrideReason);
                insert.setBoolean(5, commentGiven);
                insert.setObject(6, ts(outcomeAt));
                insert.setObject(7, ts(now));
                insert.executeUpdate();
            }
        }

        /** How many feedback entries a card has, and whether one has this outcome at this time already. */
        static long[] countAndSame(Connection c, String card, String outcome, Instant outcomeAt) throws SQLException {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*), "
                    + "COALESCE(SUM(CASE WHEN outcome = ? AND outcome_at = ? THEN 1 ELSE 0 END), 0) "
                    + "FROM feedback WHERE card_key = ?")) {
                q.setString(1, outcome);
                q.setObject(2, ts(outcomeAt));
                q.setObject(3, card);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        }

        /** The audit query: feedback recorded in [from, to) with its card's coded data, oldest first. */
        static PreparedStatement audit(Connection c, Instant from, Instant to) throws SQLException {
            PreparedStatement q = c.prepareStatement("SELECT f.recorded_at, f.outcome_at, i.service_id, i.rule_id, "
                    + "i.indicator, f.card_key, i.patient_key, f.outcome, f.accepted_suggestions, f.override_reason, "
                    + "f.comment_given FROM feedback f JOIN issued_card i ON i.card_key = f.card_key "
                    + "WHERE f.recorded_at >= ? AND f.recorded_at < ? ORDER BY f.recorded_at, f.id");
            q.setObject(1, ts(from));
            q.setObject(2, ts(to));
            return q;
        }

        static int purge(Connection c, Instant cutoff) throws SQLException {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM feedback WHERE recorded_at < ?")) {
                d.setObject(1, ts(cutoff));
                return d.executeUpdate();
            }
        }
    }

    /** {@code suppression}: overrides that hold a card back until a time. */
    static final class Suppressions {
        private Suppressions() {}

        record Active(String indicator, Instant overriddenAt, Instant until, String reason) {}

        /** The active suppressions of one patient, by rule id and facts fingerprint ({@code ruleId + "|" + fp}). */
        static java.util.Map<String, Active> activeFor(Connection c, String patientKey, Instant now)
                throws SQLException {
            java.util.Map<String, Active> found = new java.util.HashMap<>();
            try (PreparedStatement q =
                    c.prepareStatement("SELECT rule_id, facts_fingerprint, indicator, overridden_at, "
                            + "until_at, override_reason FROM suppression WHERE patient_key = ? AND until_at > ?")) {
                q.setString(1, patientKey);
                q.setObject(2, ts(now));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.put(
                                rs.getString(1) + "|" + rs.getString(2),
                                new Active(
                                        rs.getString(3),
                                        instant(rs, "overridden_at"),
                                        instant(rs, "until_at"),
                                        rs.getString(6)));
                    }
                }
            }
            return found;
        }

        /** Holds the card back until {@code until}, replacing an earlier override of the same card. */
        static void upsert(Connection c, IssuedCards.Row card, String reason, Instant overriddenAt, Instant until)
                throws SQLException {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM suppression WHERE patient_key = ? AND rule_id = ? AND facts_fingerprint = ?")) {
                d.setString(1, card.patientKey());
                d.setString(2, card.ruleId());
                d.setString(3, card.fingerprint());
                d.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO suppression (patient_key, rule_id, "
                    + "facts_fingerprint, indicator, card_key, override_reason, overridden_at, until_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, card.patientKey());
                insert.setString(2, card.ruleId());
                insert.setString(3, card.fingerprint());
                insert.setString(4, card.indicator());
                insert.setObject(5, card.card());
                insert.setString(6, reason);
                insert.setObject(7, ts(overriddenAt));
                insert.setObject(8, ts(until));
                insert.executeUpdate();
            }
        }

        static int purge(Connection c, Instant now) throws SQLException {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM suppression WHERE until_at <= ?")) {
                d.setObject(1, ts(now));
                return d.executeUpdate();
            }
        }
    }

    /** {@code token_use}: JWT ids already used, until their tokens expire. */
    static final class TokenUses {
        private TokenUses() {}

        /** True if recorded now; false if the key was already recorded (a replay). */
        static boolean record(Connection c, String key, Instant expiry) throws SQLException {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO token_use (token_key, expires_at) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setObject(2, ts(expiry));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (duplicate(e)) {
                    return false;
                }
                throw e;
            }
        }

        static int purge(Connection c, Instant now) throws SQLException {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM token_use WHERE expires_at < ?")) {
                d.setObject(1, ts(now));
                return d.executeUpdate();
            }
        }
    }
}
