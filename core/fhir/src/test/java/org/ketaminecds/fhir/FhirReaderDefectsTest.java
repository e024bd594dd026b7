package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.PregnancyStatus;

/**
 * Each defect an adversarial review found in the FHIR reader, on its own input ({@code src/test/resources/fhir/defects}):
 * nothing is lost, misread or merged from another patient without a word. Those seen through the CDS Hooks handler are
 * tested in the hooks module ({@code HandlerDefectsTest}), on the same files.
 */
class FhirReaderDefectsTest {
    private static final Path CASES = Path.of("src/test/resources/fhir/defects");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static JsonNode json(String name) throws IOException {
        return JSON.readTree(CASES.resolve(name).toFile());
    }

    private static FhirReadResult read(String name) throws IOException {
        return READER.read(json(name), AS_OF);
    }

    private static Evaluation evaluate(String name) throws IOException {
        FhirReadResult r = read(name);
        Evaluation e = ENGINE.evaluate(r.context()).withNotEvaluated(r.notEvaluated());
        // A record not about ketamine runs no rule but the topic rules: "rule X did not fire" would then hold
        // whatever the reader did.
        assertThat(e.aboutKetamine()).as(name + " is about ketamine").isTrue();
        return e;
    }

    private static boolean reported(FhirReadResult r, String part) {
        return r.issues().stream().anyMatch(i -> i.problem().contains(part));
    }

    @Test
    void splitBloodPressureThatIsNotPlausible_isReported_andTheRestIsEvaluated() throws IOException {
        for (String name : List.of("70-bp-halves-swapped.json", "71-bp-half-implausible.json")) {
            FhirReadResult r = read(name);
            assertThat(reported(r, "is not plausible")).as(name).isTrue();
        }
    }

    @Test
    void phq9AnswersWithLocalCodesAndOrdinalValues_areScored_soItem9IsRead() throws IOException {
        // Read, not evaluated: these records hold no ketamine course, so the engine is silent about them (only the
        // topic rules run). What the reader owes is a PHQ-9 whose item 9 the suicidality rule (TRJ-010) can read.
        for (String name : List.of("73-qr-local-answer-codes.json", "73b-qr-la-codes.json")) {
            assertThat(read(name).context().assessments()).as(name).anySatisfy(a -> {
                assertThat(a.instrument()).isEqualTo(org.ketaminecds.fact.Instrument.PHQ_9);
                assertThat(a.phq9Item9()).isNotNull().isPositive();
            });
        }
    }

    @Test
    void aFailedMedicationPrefetch_isNotAnEmptyList() throws IOException {
        JsonNode request = json("h01-meds-oo.json");
        FhirReadResult r = READER.read(request.get("prefetch"), AS_OF);
        assertThat(r.context().medications()).isNull();
        assertThat(r.notEvaluated()).anyMatch(n -> n.check().equals("medication-interactions"));
    }

    @Test
    void futureWeightAndPregnancyStatus_areReportedNotUsed_andTheLatestWeightWins() throws IOException {
        FhirReadResult pregnancy = read("13-pregnancy-future.json");
        assertThat(pregnancy.context().patient().pregnancy()).isEqualTo(PregnancyStatus.PREGNANT);
        assertThat(reported(pregnancy, "after asOf")).isTrue();
        FhirReadResult weight = read("12-weight-future.json");
        assertThat(reported(weight, "after asOf")).isTrue();
        FhirReadResult stale = read("11c-weight-stale-wins.json");
        assertThat(stale.context().patient().weightKg()).isEqualTo(50.0);
        assertThat(evaluate("11c-weight-stale-wins.json").firedRules())
                .containsAll(evaluate("11d-weight-only-new.json").firedRules().stream()
                        .filter(id -> id.startsWith("MNT-01"))
                        .toList());
    }

    @Test
    void anotherPatientsData_isReportedNotUsed() throws IOException {
        for (String name : List.of("02-other-patient.json", "02b-other-subject-only.json")) {
            FhirReadResult r = read(name);
            assertThat(reported(r, "about another patient")).as(name).isTrue();
            assertThat(evaluate(name).firedRules()).as(name).doesNotContain("SCR-022");
        }
    }

    @Test
    void enteredInErrorAndRefutedOnAnyCoding_areNotUsed() throws IOException {
        assertThat(evaluate("01-eie-verification.json").firedRules()).doesNotContain("SCR-011", "SCR-022");
        assertThat(evaluate("77-verification-second-coding.json").firedRules()).doesNotContain("SCR-022", "SCR-011");
    }

    @Test
    void doNotPerform_isNotAMedicationOrAnOrder() throws IOException {
        assertThat(evaluate("03-doNotPerform-comed.json").firedRules()).doesNotContain("MED-020");
        FhirReadResult order = read("04-doNotPerform-ketamine.json");
        assertThat(order.context().session()).isNull();
        assertThat(reported(order, "doNotPerform")).isTrue();
    }

    @Test
    void aDateOnlyAdministrationToday_saysTheTimeSinceTheDoseCannotBeJudged() throws IOException {
        FhirReadResult r = read("17-date-only-admin.json");
        assertThat(r.notEvaluated()).anyMatch(n -> n.check().equals("post-dose-timing"));
    }

    @Test
    void devicesOfOneSession_areOneSession_andDuplicatesAreReadOnce() throws IOException {
        FhirReadResult devices = read("80-three-devices.json");
        assertThat(devices.context().session()).isNotNull();
        assertThat(devices.context().session().dose()).hasToString("84 mg");
        FhirReadResult duplicates = read("61-duplicate-resources.json");
        assertThat(reported(duplicates, "sent twice: read once")).isTrue();
        FhirReadResult history = read("60-history-bundle.json");
        assertThat(reported(history, "version")).isTrue();
        assertThat(history.context().medications().entries()).hasSize(1);
    }

    @Test
    void aSecondKetamineOrder_isReported() throws IOException {
        assertThat(reported(read("22-two-ketamine-orders.json"), "a second ketamine or esketamine order"))
                .isTrue();
    }

    @Test
    void numbersAreNeverMisread() throws IOException {
        FhirReadResult comparator = read("14-comparator.json");
        assertThat(reported(comparator, "is a bound, not a measurement")).isTrue();
        FhirReadResult huge = read("15-huge-int.json");
        assertThat(huge.context().assessments()).noneMatch(a -> a.total() != null && a.total() == 10);
        FhirReadResult text = read("75-string-numbers.json");
        assertThat(reported(text, "must be a number")).isTrue();
        assertThat(text.context().vitals()).noneMatch(v -> v.spo2() != null && v.spo2() == 0);
    }

    @Test
    void referencesToAnotherServer_doNotResolveToALocalResource() throws IOException {
        FhirReadResult cross = read("35-cross-server-ref.json");
        assertThat(reported(cross, "reference")).isTrue();
        FhirReadResult twoServers = read("36-dup-ids-two-servers.json");
        List<String> labels = twoServers.context().medications().entries().stream()
                .map(Medication::label)
                .toList();
        assertThat(String.join(" ", labels).toLowerCase()).contains("sertraline", "phenelzine");
    }

    @Test
    void detailsThatUsedToBeLost_areKeptOrReported() throws IOException {
        FhirReadResult taper = read("05-multi-dosage.json");
        assertThat(reported(taper, "dosage instructions")).isTrue();
        assertThat(read("06-r5-asNeeded.json").context().medications().entries())
                .anyMatch(Medication::asNeeded);
        assertThat(reported(read("07-condition-onset-variants.json"), "not a date"))
                .isTrue();
        assertThat(read("09-allergy-reaction-only.json").context().allergies()).hasSize(1);
        assertThat(reported(read("10-deceased.json"), "deceased")).isTrue();
        assertThat(reported(read("18-ketamine-doseRange.json"), "dose range")).isTrue();
        assertThat(reported(read("19-iv-rate-only.json"), "rate without a total dose"))
                .isTrue();
        assertThat(reported(read("50-future-admin.json"), "after asOf")).isTrue();
        assertThat(reported(read("54-procedure-performedString.json"), "not a date"))
                .isTrue();
    }

    @Test
    void cardMarkdown_hasNoAutolinksOrInvisibleCharacters() throws IOException {
        Evaluation e = evaluate("m01-markdown.json");
        assertThat(e.cards()).isNotEmpty();
        for (var card : e.cards()) {
            assertThat(card.detail())
                    .doesNotContainPattern("(?i)(?<!\\\\)(https?|mailto):")
                    .doesNotContainPattern("(?i)www(?<!\\\\)\\.")
                    .doesNotContainPattern("[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF]");
        }
    }

    @Test
    void theWholeSetIsReadWithoutAnExceptionEscaping() throws IOException {
        try (var files = Files.list(CASES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode input;
                try {
                    input = JSON.readTree(f.toFile());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    continue; // a case about JSON the strict reader rejects (NaN and the like)
                }
                if (input.has("hook")) {
                    continue;
                }
                FhirReadResult r = READER.read(input, AS_OF);
                assertThat(ENGINE.evaluate(r.context()).status())
                        .as(f.toString())
                        .isIn(EvaluationStatus.COMPLETE, EvaluationStatus.INCOMPLETE);
            }
        }
    }
}
