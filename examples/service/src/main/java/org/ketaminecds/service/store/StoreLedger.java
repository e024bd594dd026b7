package org.ketaminecds.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.Suggestion;
import org.ketaminecds.hooks.CardLedger;
import org.ketaminecds.hooks.FeedbackEvent;

/**
 * The card ledger of a {@link Store}: records the cards a call issues and holds back those an earlier override of the
 * same client suppresses (while their indicator has not risen), and records feedback on issued cards, refusing entries
 * that do not fit the card they name. Each call is one transaction.
 */
final class StoreLedger implements CardLedger {
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

    private final Store store;

    StoreLedger(Store store) {
        this.store = store;
    }

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
                : store.patients.of(Store.scoped(client.issuer() + "\u0000" + client.fhirServer(), patientId));
        try (Connection c = store.dataSource().getConnection()) {
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
                    String fingerprint = store.fingerprint(card);
                    Tables.Suppressions.Active a = active.get(card.ruleId() + "|" + fingerprint);
                    // Held back only while the indicator has not risen since the override.
                    if (a != null && card.indicator().compareTo(Indicator.fromCode(a.indicator())) <= 0) {
                        withheld.add(new Withheld(card, a.overriddenAt(), a.until(), a.reason()));
                    } else {
                        rows.add(new Tables.IssuedCards.Row(
                                store.patients.keyed(Store.scoped(client.issuer(), card.uuid())),
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
                store.written(c);
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
            store.written(c);
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
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < events.size(); i++) {
                    FeedbackEvent e = events.get(i);
                    String key = store.patients.keyed(Store.scoped(issuer, e.card()));
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
                    Duration period = store.settings.suppression().period(Indicator.fromCode(card.indicator()));
                    if (e.outcome().equals("overridden") && card.patientKey() != null && !period.isZero()) {
                        Tables.Suppressions.upsert(c, card, e.overrideReason(), e.outcomeTimestamp(), now.plus(period));
                    }
                }
                c.commit();
                store.written(c);
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
