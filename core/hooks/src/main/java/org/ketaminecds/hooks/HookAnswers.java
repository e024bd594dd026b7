package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.fhir.FhirReadResult;
import org.ketaminecds.json.CdsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of one service call once its record is evaluated: which cards the service shows, which of them an earlier
 * override holds back (the card ledger), and the response body with what was held back, not recorded or not mapped;
 * or the silent answer of a service that does not speak about the record. Thread-safe.
 */
final class HookAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksHandler.class);

    private final CardLedger ledger;
    private final Map<String, RuleDescription> rules;
    private final Clock clock;
    private final HookListener listener;

    HookAnswers(CardLedger ledger, List<RuleDescription> rules, Clock clock, HookListener listener) {
        this.ledger = ledger;
        this.rules = rules.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(RuleDescription::id, r -> r));
        this.clock = clock;
        this.listener = listener;
    }

    /** The cards shown, those held back for an earlier override, and why none was recorded (or null). */
    record Issued(List<Card> shown, List<CardLedger.Withheld> withheld, String notRecorded) {}

    /**
     * The service's cards, recorded in the ledger; those the client's earlier override holds back are taken out. A
     * ledger failure never blocks decision support: every card is shown and the response says none was recorded.
     */
    Issued issue(CdsService service, JsonNode request, Evaluation evaluation, String clientIssuer) {
        List<Card> shown = new ArrayList<>();
        for (Card card : evaluation.cards()) {
            RuleDescription rule = rules.get(card.ruleId());
            if (rule != null && service.shows(rule)) {
                shown.add(card);
            }
        }
        try {
            List<CardLedger.Withheld> withheld = ledger.issue(
                    new CardLedger.Client(
                            clientIssuer, request.path("fhirServer").asText(null)),
                    service.id(),
                    request.path("context").path("patientId").asText(null),
                    List.copyOf(shown),
                    clock.instant());
            for (CardLedger.Withheld w : withheld) {
                shown.remove(w.card());
            }
            return new Issued(shown, withheld, null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Service {}: the card ledger failed ({}); every card shown, none recorded",
                    service.id(),
                    e.getClass().getSimpleName());
            LOG.trace("Card ledger failure", e);
            return new Issued(
                    shown,
                    List.of(),
                    "the cards could not be recorded, so none was held back for an earlier override and "
                            + "feedback on them will be refused");
        }
    }

    /** The 200 answer: the shown cards, and in the extension what was held back, not recorded or not mapped. */
    HookResponse respond(CdsService service, Evaluation evaluation, Issued issued, FhirReadResult read, long started) {
        List<Card> shown = issued.shown();
        List<CardLedger.Withheld> withheld = issued.withheld();
        String notRecorded = issued.notRecorded();
        Evaluation filtered = evaluation.withCards(shown);
        listener.evaluated(service.id(), filtered, System.nanoTime() - started);
        ObjectNode response = CdsJson.responseTree(filtered);
        ObjectNode ext = (ObjectNode) response.path("extension").path(CdsJson.EVALUATION_EXTENSION);
        ext.put("service", service.id());
        if (!withheld.isEmpty()) {
            ArrayNode held = ext.putArray("withheld");
            for (CardLedger.Withheld w : withheld) {
                ObjectNode h = held.addObject()
                        .put("card", w.card().uuid())
                        .put("ruleId", w.card().ruleId())
                        .put("indicator", w.card().indicator().code())
                        .put("summary", w.card().summary())
                        .put("overriddenAt", w.overriddenAt().toString())
                        .put("until", w.until().toString());
                if (w.reason() != null) {
                    h.put("overrideReason", w.reason());
                }
            }
        }
        if (notRecorded != null) {
            ext.put("notRecorded", notRecorded);
        }
        if (!read.issues().isEmpty()) {
            ext.set(CdsHooksHandler.FHIR_ISSUES, read.issuesJson());
        }
        LOG.debug(
                "Service {} hook {}: {} cards of {}, status {}, {} FHIR resources mapped, {} not",
                service.id(),
                service.hook(),
                shown.size(),
                evaluation.cards().size(),
                evaluation.status(),
                read.mapped(),
                read.issues().size());
        return new HookResponse(200, CdsJson.writeCompact(response));
    }

    /** The answer of a service that does not speak about this record: no card, said in the extension. */
    HookResponse silent(CdsService service, Evaluation evaluation, long started) {
        Evaluation none = evaluation.silent();
        listener.evaluated(service.id(), none, System.nanoTime() - started);
        ObjectNode response = CdsJson.responseTree(none);
        ((ObjectNode) response.path("extension").path(CdsJson.EVALUATION_EXTENSION)).put("service", service.id());
        LOG.debug("Service {} hook {}: not about ketamine, no card", service.id(), service.hook());
        return new HookResponse(200, CdsJson.writeCompact(response));
    }
}
