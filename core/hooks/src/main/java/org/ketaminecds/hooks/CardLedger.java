package org.ketaminecds.hooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ketaminecds.cds.Card;

/**
 * Where a CDS Hooks service keeps what it told clinicians and what they answered: the cards it issued, the feedback
 * on them, and the overrides that hold a card back for a while. The library keeps nothing ({@link #NONE}); the
 * deployable service keeps it in a database shared by its replicas.
 *
 * <p>Implementations must be thread-safe. The handler never lets a failing ledger block decision support: if
 * {@link #issue} throws, every card is shown and the response says that it was not recorded; if {@link #record}
 * throws, the feedback is refused with 503 (feedback is acknowledged only once it is committed).
 *
 * @since 0.3.0
 */
public interface CardLedger {
    /** Keeps nothing: every card is shown, and feedback is accepted for any card (the logging sink records it). */
    CardLedger NONE = new CardLedger() {
        @Override
        public List<Withheld> issue(String serviceId, String patientId, List<Card> cards, Instant now) {
            return List.of();
        }

        @Override
        public Refusal record(List<FeedbackEvent> events, Instant now) {
            return null;
        }

        @Override
        public boolean keepsState() {
            return false;
        }
    };

    /**
     * Records the cards a service is about to return for one patient and returns those to hold back because a
     * clinician already overrode the same card (same patient, rule and facts, an indicator no higher) and the
     * suppression period has not passed.
     *
     * @param patientId the FHIR id of the patient from the hook's context, or null if the request named none (then
     *     nothing is held back)
     */
    List<Withheld> issue(String serviceId, String patientId, List<Card> cards, Instant now);

    /**
     * Records validated feedback, all entries or none: null once committed, or why it was refused (a card this
     * service never issued: 404; an accepted suggestion the card did not offer: 400).
     */
    Refusal record(List<FeedbackEvent> events, Instant now);

    /**
     * {@link #issue(String, String, List, Instant)} for a client: patient ids are unique only within one FHIR server,
     * so a ledger that keeps state keys what it keeps by the client that received the cards (its JWT {@code iss}) and
     * the FHIR server the request named. Another client's override never holds this client's card back. The default
     * ignores the client.
     *
     * @param client who receives the cards
     * @param serviceId the service
     * @param patientId the FHIR id of the patient, or null
     * @param cards the cards about to be returned
     * @param now the time
     * @return the cards to hold back
     */
    default List<Withheld> issue(Client client, String serviceId, String patientId, List<Card> cards, Instant now) {
        return issue(serviceId, patientId, cards, now);
    }

    /**
     * {@link #record(List, Instant)} for a client: feedback on a card counts only from the client the card was issued
     * to (another client's card is unknown: 404). The default ignores the client.
     *
     * @param issuer the client's JWT {@code iss}, or "" without authentication
     * @param events the validated entries
     * @param now the time
     * @return null once committed, or why it was refused
     */
    default Refusal record(String issuer, List<FeedbackEvent> events, Instant now) {
        return record(events, now);
    }

    /**
     * Who a call came from: the client's JWT {@code iss} ("" without authentication) and the FHIR server its request
     * named ("" if none).
     *
     * @param issuer the client's issuer
     * @param fhirServer the request's FHIR server
     */
    record Client(String issuer, String fhirServer) {
        /** An unauthenticated call without a FHIR server: what a ledger keyed before clients were told apart. */
        public static final Client ANY = new Client("", "");

        public Client {
            issuer = issuer == null ? "" : issuer;
            fhirServer = fhirServer == null ? "" : fhirServer;
        }
    }

    /** Whether this ledger keeps state (the response then says which cards were recorded). */
    default boolean keepsState() {
        return true;
    }

    /**
     * A card held back.
     *
     * @param card the card that would have been shown
     * @param overriddenAt when a clinician overrode the same card
     * @param until when the suppression ends (the card is shown again from then on)
     * @param reason the override reason code ({@code system|code}), or null if none was given
     */
    record Withheld(Card card, Instant overriddenAt, Instant until, String reason) {
        public Withheld {
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(overriddenAt, "overriddenAt");
            Objects.requireNonNull(until, "until");
        }
    }

    /** Why feedback was refused: an HTTP status and a message naming the entry (no patient data). */
    record Refusal(int status, String message) {}
}
