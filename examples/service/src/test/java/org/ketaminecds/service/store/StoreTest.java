package org.ketaminecds.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Explanation;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.hooks.CardLedger;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.FeedbackEvent;
import org.ketaminecds.hooks.HookResponse;
import org.ketaminecds.service.ServiceTestSupport;

/**
 * The store against a real PostgreSQL and against the embedded default (H2), the same suite for both: issued cards,
 * feedback checked against them, overrides that hold a card back (and let it through when the facts change, the
 * indicator rises, the period ends or it is critical), replay protection shared by replicas, retention and the audit
 * export, and what is stored (no patient identifier, no card text).
 */
class StoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final String SERVICE = "ketamine-course-overview";

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("PostgreSQL", (Supplier<String>) Databases::newPostgresDatabase),
                Arguments.of("embedded H2", (Supplier<String>) Databases::newEmbeddedDatabase));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-12T15:30:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Store open(String url, SuppressionPolicy suppression, Clock clock) {
        return Store.open(Databases.settings(url, suppression), clock);
    }

    private static JsonNode call(CdsHooksHandler handler) throws Exception {
        HookResponse r = handler.invoke(SERVICE, JSON.writeValueAsString(ServiceTestSupport.courseRequest()), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String feedback(String card, String outcome, String acceptedSuggestion, Instant at)
            throws Exception {
        ObjectNode f = JSON.createObjectNode();
        ObjectNode entry = f.putArray("feedback")
                .addObject()
                .put("card", card)
                .put("outcome", outcome)
                .put("outcomeTimestamp", at.toString());
        if (acceptedSuggestion != null) {
            entry.putArray("acceptedSuggestions").addObject().put("id", acceptedSuggestion);
        }
        if (outcome.equals("overridden")) {
            // The cards overridden here are info cards, which offer no coded reason: a comment only.
            entry.putObject("overrideReason").put("userComment", "patient pt-1001 told me so");
        }
        return JSON.writeValueAsString(f);
    }

    private static JsonNode firstCard(JsonNode response, Indicator below) {
        for (JsonNode c : response.path("cards")) {
            if (Indicator.fromCode(c.path("indicator").asText()).compareTo(below) < 0) {
                return c;
            }
        }
        throw new AssertionError("no card below " + below + " in " + response);
    }

    private static List<String> uuids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("cards").forEach(c -> ids.add(c.path("uuid").asText()));
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOverriddenCard_isHeldBack_listedWithWhenAndWhy_andShownAgainWhenThePeriodEnds(
            String name, Supplier<String> db) throws Exception {
        MovableClock clock = new MovableClock();
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                    .clock(clock)
                    .ledger(store.ledger())
                    .build();
            JsonNode first = call(handler);
            JsonNode card = firstCard(first, Indicator.CRITICAL);
            String uuid = card.path("uuid").asText();
            HookResponse ack = handler.feedback(SERVICE, feedback(uuid, "overridden", null, clock.now));
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);

            JsonNode second = call(handler);
            assertThat(uuids(second)).doesNotContain(uuid).hasSize(uuids(first).size() - 1);
            JsonNode held =
                    second.path("extension").path("org.ketaminecds.evaluation").path("withheld");
            assertThat(held).hasSize(1);
            assertThat(held.get(0).path("card").asText()).isEqualTo(uuid);
            assertThat(held.get(0).has("overrideReason"))
                    .as("no coded reason was given")
                    .isFalse();
            Duration period = SuppressionPolicy.DEFAULTS.period(
                    Indicator.fromCode(card.path("indicator").asText()));
            assertThat(Instant.parse(held.get(0).path("until").asText())).isEqualTo(clock.now.plus(period));

            clock.now = clock.now.plus(period).plusSeconds(1);
            JsonNode later = call(handler);
            assertThat(later.path("extension")
                            .path("org.ketaminecds.evaluation")
                            .has("withheld"))
                    .isFalse();
            String ruleId = card.path("extension")
                    .path(Explanation.EXTENSION_KEY)
                    .path("ruleId")
                    .asText();
            List<String> rules = new ArrayList<>();
            later.path("cards")
                    .forEach(c -> rules.add(c.path("extension")
                            .path(Explanation.EXTENSION_KEY)
                            .path("ruleId")
                            .asText()));
            assertThat(rules).contains(ruleId);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHeldBackCard_comesBack_whenItsFactsChange_itsIndicatorRises_orForAnotherPatient_andCriticalNeverWaits(
            String name, Supplier<String> db) {
        MovableClock clock = new MovableClock();
        Card warning = card(Indicator.WARNING, List.of("tramadol 50 mg"));
        Card critical = card(Indicator.CRITICAL, List.of("PHQ-9 item 9 = 2"));
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CardLedger ledger = store.ledger();
            assertThat(ledger.issue(SERVICE, "pt-1", List.of(warning, critical), clock.now))
                    .isEmpty();
            assertThat(ledger.record(
                            List.of(overridden(warning, clock.now), overridden(critical, clock.now)), clock.now))
                    .isNull();
            clock.now = clock.now.plusSeconds(60);
            assertThat(ledger.issue(SERVICE, "pt-1", List.of(warning, critical), clock.now))
                    .extracting(CardLedger.Withheld::card)
                    .containsExactly(warning);
            // A new fact (a second opioid) is a new card for the clinician.
            assertThat(ledger.issue(
                            SERVICE,
                            "pt-1",
                            List.of(card(Indicator.WARNING, List.of("tramadol 50 mg", "oxycodone 5 mg"))),
                            clock.now))
                    .isEmpty();
            // The same facts, now critical (the site re-graded, say): shown.
            assertThat(ledger.issue(SERVICE, "pt-1", List.of(withIndicator(warning, Indicator.CRITICAL)), clock.now))
                    .isEmpty();
            // Another patient.
            assertThat(ledger.issue(SERVICE, "pt-2", List.of(warning), clock.now))
                    .isEmpty();
            // No patient in the request: nothing is held back.
            assertThat(ledger.issue(SERVICE, null, List.of(warning), clock.now)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoClients_withTheSamePatientId_doNotAffectEachOther(String name, Supplier<String> db) {
        MovableClock clock = new MovableClock();
        Card warning = card(Indicator.WARNING, List.of("PHQ-9 total 14"));
        CardLedger.Client a = new CardLedger.Client("https://ehr-a.example.org", "https://fhir-a.example.org/r4");
        CardLedger.Client b = new CardLedger.Client("https://ehr-b.example.org", "https://fhir-b.example.org/r4");
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CardLedger ledger = store.ledger();
            ledger.issue(a, SERVICE, "pt-1", List.of(warning), clock.now);
            ledger.issue(b, SERVICE, "pt-1", List.of(warning), clock.now);
            assertThat(ledger.record(b.issuer(), List.of(overridden(warning, clock.now)), clock.now))
                    .isNull();
            Instant later = clock.now.plusSeconds(60);
            assertThat(ledger.issue(a, SERVICE, "pt-1", List.of(warning), later))
                    .as("B's override never holds A's card back")
                    .isEmpty();
            assertThat(ledger.issue(b, SERVICE, "pt-1", List.of(warning), later))
                    .as("it holds B's, with B's reason")
                    .extracting(CardLedger.Withheld::reason)
                    .containsExactly("http://example.org/override|other");
            Card onlyA = card(Indicator.INFO, List.of("issued to A only"));
            ledger.issue(a, SERVICE, "pt-2", List.of(onlyA), clock.now);
            assertThat(ledger.record(b.issuer(), List.of(overridden(onlyA, clock.now)), clock.now))
                    .as("feedback on A's card from B")
                    .extracting(CardLedger.Refusal::status)
                    .isEqualTo(404);
            assertThat(ledger.record(a.issuer(), List.of(overridden(onlyA, clock.now)), clock.now))
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void feedback_mustFitTheCardItNames_inTimeAndReason_andRepeatsAreRecordedOnce(String name, Supplier<String> db)
            throws Exception {
        MovableClock clock = new MovableClock();
        Card warning = card(Indicator.WARNING, List.of("tramadol 50 mg"));
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CardLedger ledger = store.ledger();
            Instant issued = clock.now;
            ledger.issue(SERVICE, "pt-1", List.of(warning), issued);
            FeedbackEvent notOffered = new FeedbackEvent(
                    SERVICE,
                    warning.uuid(),
                    "overridden",
                    List.of(),
                    "http://example.org/override|made-up",
                    false,
                    issued);
            assertThat(ledger.record(List.of(notOffered), issued).message()).contains("not one of the reasons");
            assertThat(ledger.record(List.of(overridden(warning, issued.plus(Duration.ofHours(1)))), issued)
                            .message())
                    .contains("in the future");
            assertThat(ledger.record(List.of(overridden(warning, issued.minus(Duration.ofDays(400)))), issued)
                            .message())
                    .contains("before the card was issued");
            Instant at = issued.plusSeconds(30);
            assertThat(ledger.record(List.of(overridden(warning, at)), at.plusSeconds(1)))
                    .isNull();
            assertThat(ledger.record(List.of(overridden(warning, at)), at.plusSeconds(2)))
                    .as("the same entry again")
                    .isNull();
            java.io.StringWriter audit = new java.io.StringWriter();
            assertThat(store.exportAudit(issued, at.plusSeconds(60), audit))
                    .as("recorded once")
                    .isEqualTo(1);
            for (int i = 1; i < StoreLedger.MAX_FEEDBACK_PER_CARD; i++) {
                assertThat(ledger.record(List.of(overridden(warning, at.plusSeconds(i))), at.plusSeconds(60)))
                        .isNull();
            }
            assertThat(ledger.record(List.of(overridden(warning, at.plusSeconds(100))), at.plusSeconds(120))
                            .message())
                    .contains("already has " + StoreLedger.MAX_FEEDBACK_PER_CARD);
        }
    }

    @org.junit.jupiter.api.Test
    void suppressionPeriods_areBounded() {
        assertThatThrownBy(() -> new SuppressionPolicy(Duration.ofDays(91), Duration.ofHours(24), Duration.ZERO, null))
                .hasMessageContaining("at most 90 days");
        assertThat(new SuppressionPolicy(Duration.ofDays(90), Duration.ofHours(24), Duration.ZERO, null).info())
                .isEqualTo(Duration.ofDays(90));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void criticalCards_areHeldBack_onlyWithTheSitesWrittenReason(String name, Supplier<String> db) {
        MovableClock clock = new MovableClock();
        Card critical = card(Indicator.CRITICAL, List.of("PHQ-9 item 9 = 2"));
        SuppressionPolicy written = new SuppressionPolicy(
                Duration.ofDays(7),
                Duration.ofDays(1),
                Duration.ofHours(1),
                "Safety committee 2026-11: repeat item-9 alerts within one visit");
        try (Store store = open(db.get(), written, clock)) {
            CardLedger ledger = store.ledger();
            ledger.issue(SERVICE, "pt-1", List.of(critical), clock.now);
            assertThat(ledger.record(List.of(overridden(critical, clock.now)), clock.now))
                    .isNull();
            assertThat(ledger.issue(SERVICE, "pt-1", List.of(critical), clock.now.plusSeconds(60)))
                    .hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void feedback_mustNameAnIssuedCard_andOneOfItsSuggestions_andIsAllOrNothing(String name, Supplier<String> db)
            throws Exception {
        MovableClock clock = new MovableClock();
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                    .clock(clock)
                    .ledger(store.ledger())
                    .build();
            JsonNode response = call(handler);
            JsonNode withSuggestion = null;
            for (JsonNode c : response.path("cards")) {
                if (c.path("suggestions").size() > 0) {
                    withSuggestion = c;
                }
            }
            assertThat(withSuggestion).as("a card with suggestions").isNotNull();
            String uuid = withSuggestion.path("uuid").asText();
            String offered =
                    withSuggestion.path("suggestions").get(0).path("uuid").asText();

            HookResponse unknown =
                    handler.feedback(SERVICE, feedback(UUID.randomUUID().toString(), "accepted", null, clock.now));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("OperationOutcome").contains("not a card this service issued");
            HookResponse notOffered = handler.feedback(
                    SERVICE, feedback(uuid, "accepted", UUID.randomUUID().toString(), clock.now));
            assertThat(notOffered.status()).isEqualTo(400);
            assertThat(notOffered.body()).contains("did not offer");
            HookResponse otherService =
                    handler.feedback("ketamine-medication-review", feedback(uuid, "accepted", null, clock.now));
            assertThat(otherService.status()).isEqualTo(404);
            // Two entries, the second refused: the first is not recorded either.
            ObjectNode both = (ObjectNode) JSON.readTree(feedback(uuid, "accepted", offered, clock.now));
            both.withArray("feedback")
                    .add(JSON.readTree(feedback(UUID.randomUUID().toString(), "accepted", null, clock.now))
                            .path("feedback")
                            .get(0));
            assertThat(handler.feedback(SERVICE, JSON.writeValueAsString(both)).status())
                    .isEqualTo(404);
            assertThat(audit(store)).isEmpty();

            HookResponse ok = handler.feedback(SERVICE, feedback(uuid, "accepted", offered, clock.now));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            List<JsonNode> lines = audit(store);
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.path("cardKey").asText()).matches("[0-9a-f]{64}").isNotEqualTo(uuid);
            assertThat(line.path("outcome").asText()).isEqualTo("accepted");
            assertThat(line.path("acceptedSuggestions").get(0).asText()).isEqualTo(offered);
            assertThat(line.path("ruleId").asText())
                    .isEqualTo(withSuggestion
                            .path("extension")
                            .path(Explanation.EXTENSION_KEY)
                            .path("ruleId")
                            .asText());
            assertThat(line.path("patientKey").asText()).matches("[0-9a-f]{64}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void replayProtection_isSharedByReplicas_andSurvivesARestart(String name, Supplier<String> db) {
        String url = db.get();
        Instant expiry = Instant.now().plusSeconds(300);
        try (Store a = open(url, SuppressionPolicy.DEFAULTS, Clock.systemUTC())) {
            assertThat(a.replayGuard().remembersEarlierProcesses()).isTrue();
            assertThat(a.replayGuard().firstUse("https://ehr.example.org jti-1", expiry))
                    .isTrue();
            if (url.startsWith("jdbc:postgresql:")) {
                try (Store b = open(url, SuppressionPolicy.DEFAULTS, Clock.systemUTC())) {
                    assertThat(b.replayGuard().firstUse("https://ehr.example.org jti-1", expiry))
                            .isFalse();
                    assertThat(b.replayGuard().firstUse("https://ehr.example.org jti-2", expiry))
                            .isTrue();
                }
            }
        }
        try (Store restarted = open(url, SuppressionPolicy.DEFAULTS, Clock.systemUTC())) {
            assertThat(restarted.replayGuard().firstUse("https://ehr.example.org jti-1", expiry))
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenTheDatabaseStopsAnswering_replayChecksGoOnInTheReplica_andCardsAreShownUnrecorded(
            String name, Supplier<String> db) throws Exception {
        Store store = open(db.get(), SuppressionPolicy.DEFAULTS, Clock.systemUTC());
        org.ketaminecds.service.JwtAuthenticator.ReplayGuard guard = store.replayGuard();
        CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                .clock(new MovableClock())
                .ledger(store.ledger())
                .build();
        store.close(); // the database is gone
        Instant expiry = Instant.now().plusSeconds(120);
        assertThat(guard.firstUse("https://ehr.example.org jti-x", expiry)).isTrue();
        assertThat(guard.firstUse("https://ehr.example.org jti-x", expiry))
                .as("replayed to this replica")
                .isFalse();
        JsonNode response = call(handler);
        assertThat(response.path("cards").size()).isPositive();
        assertThat(response.path("extension")
                        .path("org.ketaminecds.evaluation")
                        .path("notRecorded")
                        .asText())
                .contains("could not be recorded");
        String uuid = response.path("cards").get(0).path("uuid").asText();
        assertThat(handler.feedback(SERVICE, feedback(uuid, "accepted", null, Instant.now()))
                        .status())
                .isEqualTo(503);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theStore_holdsNoPatientIdentifier_noCardText_andNoComment_andPurgesByRetention(
            String name, Supplier<String> db) throws Exception {
        MovableClock clock = new MovableClock();
        try (Store store = open(db.get(), SuppressionPolicy.DEFAULTS, clock)) {
            CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                    .clock(clock)
                    .ledger(store.ledger())
                    .build();
            JsonNode response = call(handler);
            JsonNode card = firstCard(response, Indicator.CRITICAL);
            assertThat(handler.feedback(SERVICE, feedback(card.path("uuid").asText(), "overridden", null, clock.now))
                            .status())
                    .isEqualTo(200);
            store.replayGuard().firstUse("https://ehr.example.org jti-9", clock.now.plusSeconds(60));
            String everything = dump(store);
            assertThat(everything)
                    .contains("overridden")
                    .doesNotContain(card.path("uuid").asText());
            assertThat(everything)
                    .doesNotContain("pt-1001")
                    .doesNotContain("told me so")
                    .doesNotContain("jti-9");
            for (JsonNode c : response.path("cards")) {
                assertThat(everything).doesNotContain(c.path("summary").asText());
            }
            // Retention (30 days in these tests): a year later everything is gone.
            clock.now = clock.now.plus(Duration.ofDays(365));
            Store.Purged purged = store.purge();
            assertThat(purged.cards()).isEqualTo(response.path("cards").size());
            assertThat(purged.feedback()).isEqualTo(1);
            assertThat(purged.tokens()).isEqualTo(1);
            assertThat(purged.suppressions()).isEqualTo(1);
            assertThat(dump(store)).isEqualTo("");
        }
    }

    private static List<JsonNode> audit(Store store) throws Exception {
        StringWriter out = new StringWriter();
        store.exportAudit(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Every value of every row of the store's tables, as text. */
    private static String dump(Store store) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of("issued_card", "feedback", "suppression", "token_use")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static FeedbackEvent overridden(Card card, Instant at) {
        return new FeedbackEvent(
                SERVICE, card.uuid(), "overridden", List.of(), "http://example.org/override|other", false, at);
    }

    private static Card card(Indicator indicator, List<String> facts) {
        Explanation e = new Explanation(
                "MED-010",
                "MED-010 test",
                List.of("G-ADD-03"),
                List.of("E-INT-OPIOIDS"),
                "test source",
                "H",
                facts,
                "test",
                "defaults (sha256:0)",
                null,
                false);
        return new Card(
                UUID.randomUUID().toString(),
                "Opioid with ketamine: monitor",
                "detail",
                indicator,
                new org.ketaminecds.cds.Source("Ketamine CDS", null, null),
                List.of(),
                null,
                List.of(new org.ketaminecds.fact.Coding("http://example.org/override", "other", "Other")),
                List.of(),
                e);
    }

    private static Card withIndicator(Card c, Indicator indicator) {
        return new Card(
                UUID.randomUUID().toString(),
                c.summary(),
                c.detail(),
                indicator,
                c.source(),
                c.suggestions(),
                c.selectionBehavior(),
                c.overrideReasons(),
                c.links(),
                c.explanation());
    }
}
