package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fact.TherapyType;

/**
 * The shapes real FHIR servers send, each with its own test: contained ids, Bundle references, paging, US Core PHQ-9
 * (items, panel, QuestionnaireResponse), standard codes, partial dates, dosage, decimals, implausible values, draft
 * orders, R5 medication references and untrusted text in cards. US Core examples are in
 * {@code src/test/resources/fhir/us-core} (see its README for source and licence).
 */
class FhirRealWorldShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final Path US_CORE = Path.of("src/test/resources/fhir/us-core");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final String PATIENT = """
            {"resourceType":"Patient","id":"example","gender":"female","birthDate":"1984-07-19"}""";

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static JsonNode usCore(String file) throws IOException {
        return JSON.readTree(US_CORE.resolve(file).toFile());
    }

    private static ArrayNode resources(String... texts) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        all.add(json(PATIENT));
        for (String t : texts) {
            all.add(json(t));
        }
        return all;
    }

    /**
     * The context with a completed esketamine session a week before: these tests are about reading FHIR, and the
     * rules speak only about records with a ketamine course (KetamineTopicTest covers that).
     */
    static org.ketaminecds.fact.SessionContext onCourse(org.ketaminecds.fact.SessionContext c) {
        List<org.ketaminecds.fact.PriorSession> prior = new java.util.ArrayList<>(c.priorSessions());
        prior.add(new org.ketaminecds.fact.PriorSession(
                c.asOfInstant().minus(java.time.Duration.ofDays(7)),
                null,
                org.ketaminecds.fact.Product.ESKETAMINE,
                null,
                null,
                null));
        return c.toBuilder().priorSessions(prior).build();
    }

    private static boolean reported(FhirReadResult r, String resource, String part) {
        return r.issues().stream()
                .anyMatch(i -> i.resource().equals(resource) && i.problem().contains(part));
    }

    private static List<String> labels(FhirReadResult r) {
        return r.context().medications().entries().stream()
                .map(Medication::label)
                .toList();
    }

    @Test
    void containedIds_resolveOnlyInsideTheReferringResource() throws IOException {
        // HAPI numbers contained resources #med1 in every resource; they must not collide.
        FhirReadResult r = READER.read(resources("""
                {"resourceType":"MedicationRequest","id":"mr-a","status":"active","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med1","code":{"text":"sertraline 100 mg tablet"}}],
                 "medicationReference":{"reference":"#med1"},"subject":{"reference":"Patient/example"}}""", """
                {"resourceType":"MedicationRequest","id":"mr-b","status":"active","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med1","code":{"text":"lorazepam 1 mg tablet"}}],
                 "medicationReference":{"reference":"#med1"},"subject":{"reference":"Patient/example"}}""", """
                {"resourceType":"MedicationRequest","id":"mr-c","status":"active","intent":"order",
                 "medicationReference":{"reference":"#med1"},"subject":{"reference":"Patient/example"}}"""), AS_OF);
        assertThat(labels(r)).contains("sertraline 100 mg tablet", "lorazepam 1 mg tablet");
        assertThat(reported(r, "MedicationRequest/mr-c", "#med1 is not among its contained resources"))
                .isTrue();
        assertThat(ENGINE.evaluate(onCourse(r.context())).cardsOf("MED-011"))
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).contains("lorazepam"));
    }

    @Test
    void usCoreContainedAndReferencedMedications_areRead_andAnUnreferencedMedicationIsReported() throws IOException {
        ArrayNode input = JSON.createArrayNode()
                .add(json(PATIENT))
                .add(usCore("medicationrequest-contained-oral-axid.json"))
                .add(usCore("medicationrequest-referenced-oral-axid.json"))
                .add(usCore("uscore-med1.json"))
                .add(usCore("uscore-med2.json"));
        FhirReadResult r = READER.read(input, AS_OF);
        assertThat(r.context().medications().entries()).hasSize(2);
        assertThat(r.issues()).noneMatch(i -> i.resource().startsWith("MedicationRequest"));
        assertThat(r.mappedResources()).contains("Medication/uscore-med2");
        assertThat(reported(r, "Medication/uscore-med1", "refers to: not used")).isTrue();
        JsonNode lonely =
                JSON.readTree("{\"resourceType\":\"Medication\",\"id\":\"lonely\",\"code\":{\"text\":\"aspirin\"}}");
        FhirReadResult alone =
                READER.read(JSON.createArrayNode().add(json(PATIENT)).add(lonely), AS_OF);
        assertThat(reported(
                        alone,
                        "Medication/lonely",
                        "no MedicationRequest, MedicationStatement or MedicationAdministration"))
                .isTrue();
    }

    @Test
    void bundleReferences_resolveByFullUrl_urnUuidAndAbsolute() throws IOException {
        JsonNode bundle = json("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:7f1c0000-0000-4000-8000-000000000001","resource":
                   {"resourceType":"Medication","code":{"text":"oxycodone 5 mg tablet"}}},
                 {"fullUrl":"urn:uuid:7f1c0000-0000-4000-8000-000000000002","resource":
                   {"resourceType":"MedicationRequest","status":"active","intent":"order",
                    "medicationReference":{"reference":"urn:uuid:7f1c0000-0000-4000-8000-000000000001"}}},
                 {"fullUrl":"https://ehr.example.org/fhir/Medication/m2","resource":
                   {"resourceType":"Medication","id":"m2","code":{"text":"gabapentin 300 mg capsule"}}},
                 {"fullUrl":"https://ehr.example.org/fhir/MedicationRequest/r2","resource":
                   {"resourceType":"MedicationRequest","id":"r2","status":"active","intent":"order",
                    "medicationReference":{"reference":"https://ehr.example.org/fhir/Medication/m2/_history/3"}}},
                 {"fullUrl":"https://ehr.example.org/fhir/MedicationRequest/r3","resource":
                   {"resourceType":"MedicationRequest","id":"r3","status":"active","intent":"order",
                    "medicationReference":{"reference":"Medication/m2"}}}]}""");
        FhirReadResult r = READER.read(JSON.createArrayNode().add(json(PATIENT)).add(bundle), AS_OF);
        assertThat(labels(r))
                .containsExactlyInAnyOrder(
                        "oxycodone 5 mg tablet", "gabapentin 300 mg capsule", "gabapentin 300 mg capsule");
        assertThat(r.issues()).isEmpty();
    }

    @Test
    void aSearchResultWithANextPage_isReported_andMakesTheResultIncomplete() throws IOException {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("patient", json(PATIENT));
        prefetch.set("medicationRequests", json("""
                {"resourceType":"Bundle","type":"searchset","total":57,
                 "link":[{"relation":"self","url":"https://ehr.example.org/fhir/MedicationRequest?patient=pt-1"},
                         {"relation":"next","url":"https://ehr.example.org/fhir/MedicationRequest?patient=pt-1&page=2"}],
                 "entry":[{"fullUrl":"https://ehr.example.org/fhir/MedicationRequest/1","resource":
                   {"resourceType":"MedicationRequest","id":"1","status":"active","intent":"order",
                    "medicationCodeableConcept":{"text":"sertraline 100 mg"}}}]}"""));
        FhirReadResult r = READER.read(prefetch, AS_OF);
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("next page that was not sent"));
        assertThat(r.notEvaluated()).extracting(n -> n.check()).containsExactly("medication-interactions");
        Evaluation e = ENGINE.evaluate(onCourse(r.context())).withNotEvaluated(r.notEvaluated());
        assertThat(e.status()).isEqualTo(EvaluationStatus.INCOMPLETE);
        assertThat(e.notEvaluated())
                .anyMatch(n -> n.check().equals("medication-interactions")
                        && n.reason().contains("later pages were not read"));
    }

    private static Stream<JsonNode> usCorePhq9Items() throws IOException {
        try (Stream<Path> files = Files.list(US_CORE)) {
            List<Path> items = files.filter(f -> f.getFileName().toString().startsWith("Observation-PHQ9-item"))
                    .sorted()
                    .toList();
            return items.stream().map(f -> {
                try {
                    return JSON.readTree(f.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static Assessment onlyPhq9(FhirReadResult r) {
        List<Assessment> phq9 = r.context().assessments().stream()
                .filter(a -> a.instrument() == Instrument.PHQ_9)
                .toList();
        assertThat(phq9).hasSize(1);
        return phq9.get(0);
    }

    @Test
    void usCorePhq9_asItemObservations_withAnswerCodesAndATotalAsValueString() throws IOException {
        ArrayNode input = JSON.createArrayNode().add(json(PATIENT));
        usCorePhq9Items().forEach(input::add);
        FhirReadResult r = READER.read(input, AS_OF);
        Assessment a = onlyPhq9(r);
        assertThat(a.items()).containsExactly(2, 2, 2, 2, 1, 1, 2, 0, 0);
        assertThat(a.total()).isEqualTo(12);
        assertThat(reported(r, "Observation/PHQ9-item-example-69722-7", "not part of the score"))
                .isTrue();
        assertThat(r.mappedResources()).hasSize(1 + 10);
    }

    @Test
    void usCorePhq9_asAPanelWithMembers_andAsAQuestionnaireResponse_giveTheSameAssessment() throws IOException {
        ArrayNode panel =
                JSON.createArrayNode().add(json(PATIENT)).add(usCore("Observation-PHQ9-panel-example-44249-1.json"));
        usCorePhq9Items().forEach(panel::add);
        Assessment fromPanel = onlyPhq9(READER.read(panel, AS_OF));
        FhirReadResult qr = READER.read(
                JSON.createArrayNode().add(json(PATIENT)).add(usCore("QuestionnaireResponse-phq-9-example.json")),
                AS_OF);
        Assessment fromQr = onlyPhq9(qr);
        assertThat(fromQr.items()).isEqualTo(fromPanel.items());
        assertThat(fromQr.total()).isEqualTo(12);
        assertThat(qr.mappedResources()).contains("QuestionnaireResponse/phq-9-example");

        FhirReadResult panelAlone = READER.read(
                JSON.createArrayNode().add(json(PATIENT)).add(usCore("Observation-PHQ9-panel-example-44249-1.json")),
                AS_OF);
        assertThat(reported(panelAlone, "Observation/PHQ9-panel-example-44249-1", "members not in the input"))
                .isTrue();
    }

    @Test
    void anUnreadableTotal_isReportedOnTheTotal_andItem9StillScreensForSuicidality() throws IOException {
        FhirReadResult r = READER.read(resources("""
                {"resourceType":"Observation","id":"total","status":"final","effectiveDateTime":"2026-03-12T14:00:00Z",
                 "code":{"coding":[{"system":"http://loinc.org","code":"44261-6"}]},"valueString":"twelve"}""", """
                {"resourceType":"Observation","id":"item9","status":"final","effectiveDateTime":"2026-03-12T14:00:00Z",
                 "code":{"coding":[{"system":"http://loinc.org","code":"44260-8"}]},
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA6569-3"}]}}"""), AS_OF);
        assertThat(reported(r, "Observation/total", "valueString 'twelve' is not a whole-number score"))
                .isTrue();
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("item 9 without a readable total"));
        Assessment a = onlyPhq9(r);
        assertThat(a.total()).isNull();
        assertThat(a.phq9Item9()).isEqualTo(1);
        Evaluation e = ENGINE.evaluate(onCourse(r.context()));
        assertThat(e.cardsOf("TRJ-010"))
                .singleElement()
                .satisfies(c -> assertThat(c.indicator().code()).isEqualTo("critical"));
        assertThat(e.notEvaluated()).anyMatch(n -> n.check().equals("response-trajectory"));
    }

    @Test
    void standardCodes_pregnancyStatus_individualSex_andSnomedTherapy() throws IOException {
        ObjectNode patient = (ObjectNode) usCore("patient-example.json");
        patient.remove("gender");
        ArrayNode input = JSON.createArrayNode().add(patient).add(usCore("observation-pregnancy-status.json"));
        input.add(json("""
                {"resourceType":"Procedure","id":"cbt","status":"completed",
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"304891004","display":"Cognitive behavioural therapy"}]},
                 "performedPeriod":{"start":"2026-01-10","end":"2026-03-05"}}"""));
        input.add(json("""
                {"resourceType":"Procedure","id":"counselling","status":"in-progress",
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"409063005"}]},"performedDateTime":"2026-03-01"}"""));
        FhirReadResult r = READER.read(input, AS_OF);
        assertThat(r.context().patient().sex()).isEqualTo(Sex.FEMALE);
        assertThat(r.context().patient().pregnancy()).isEqualTo(PregnancyStatus.PREGNANT);
        assertThat(r.context().therapy())
                .extracting(t -> t.type())
                .containsExactlyInAnyOrder(TherapyType.PSYCHOTHERAPY, TherapyType.COUNSELLING);
        assertThat(ENGINE.evaluate(onCourse(r.context())).cardsOf("SCR-020")).hasSize(1);
    }

    @Test
    void partialDates_areReadWithAnIssue_notDropped() throws IOException {
        FhirReadResult r = READER.read(
                JSON.createArrayNode()
                        .add(json("{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"1981\"}"))
                        .add(json("""
                        {"resourceType":"Condition","id":"mi","clinicalStatus":{"coding":[{"code":"active"}]},
                         "code":{"text":"Myocardial infarction"},"onsetDateTime":"2026-02"}""")),
                AS_OF);
        assertThat(r.context().patient().birthDate()).hasToString("1981-01-01");
        assertThat(reported(r, "Patient/p", "partial date")).isTrue();
        assertThat(r.context().conditions())
                .singleElement()
                .satisfies(c -> assertThat(c.onset()).hasToString("2026-02-28"));
        assertThat(reported(r, "Condition/mi", "latest possible day, 2026-02-28"))
                .isTrue();
        assertThat(ENGINE.evaluate(onCourse(r.context())).cardsOf("SCR-028")).hasSize(1);

        FhirReadResult month = READER.read(
                JSON.createArrayNode()
                        .add(json("{\"resourceType\":\"Patient\",\"id\":\"q\",\"birthDate\":\"1987-02\"}")),
                AS_OF);
        assertThat(month.context().patient().birthDate()).hasToString("1987-02-01");
        FhirReadResult partialObservation = READER.read(resources("""
                {"resourceType":"Observation","id":"hr","status":"final","effectiveDateTime":"2026-03",
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                 "valueQuantity":{"value":70,"system":"http://unitsofmeasure.org","code":"/min"}}"""), AS_OF);
        assertThat(reported(partialObservation, "Observation/hr", "partial date, not precise enough"))
                .isTrue();
        assertThat(partialObservation.context().vitals()).isEmpty();
    }

    @Test
    void dosage_timingDoseWithoutUnitAndDoseRange_areKept() throws IOException {
        FhirReadResult r = READER.read(resources("""
                {"resourceType":"MedicationRequest","id":"a","status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"lorazepam"},
                 "dosageInstruction":[{"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}},
                   "doseAndRate":[{"doseQuantity":{"value":0.5}}]}]}""", """
                {"resourceType":"MedicationRequest","id":"b","status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"oxycodone"},
                 "dosageInstruction":[{"timing":{"code":{"text":"Q6H PRN"}},"asNeededBoolean":true,
                   "doseAndRate":[{"doseRange":{"low":{"value":5,"unit":"mg"},"high":{"value":10,"unit":"mg"}}}]}]}"""), AS_OF);
        Medication a = r.context().medications().entries().stream()
                .filter(m -> m.label().equals("lorazepam"))
                .findFirst()
                .orElseThrow();
        assertThat(a.frequency()).isEqualTo("2 times every 1 d");
        assertThat(a.dose()).hasToString("0.5 unit not recorded");
        assertThat(reported(r, "MedicationRequest/a", "has no unit")).isTrue();
        Medication b = r.context().medications().entries().stream()
                .filter(m -> m.label().equals("oxycodone"))
                .findFirst()
                .orElseThrow();
        assertThat(b.frequency()).isEqualTo("Q6H PRN");
        assertThat(b.dose()).hasToString("10 mg");
        assertThat(reported(r, "MedicationRequest/b", "dose range 5-10 mg")).isTrue();
    }

    @Test
    void decimals_areKept_soASaturationOf91point5IsBelow92() throws IOException {
        ObjectNode spo2 = (ObjectNode) usCore("oxygen-saturation.json");
        spo2.put("effectiveDateTime", "2026-03-12T15:10:00Z");
        ((ObjectNode) spo2.get("valueQuantity")).put("value", 91.5);
        FhirReadResult r = READER.read(JSON.createArrayNode().add(json(PATIENT)).add(spo2), AS_OF);
        assertThat(r.context().vitals())
                .singleElement()
                .satisfies(v -> assertThat(v.spo2()).isEqualTo(91.5));
    }

    @Test
    void anImplausibleWeightOrBirthDate_isDroppedWithAnIssue_andTheRestIsEvaluated() throws IOException {
        FhirReadResult r = READER.read(
                JSON.createArrayNode()
                        .add(json("{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"2999-01-01\"}"))
                        .add(json("""
                        {"resourceType":"Observation","id":"w","status":"final","effectiveDateTime":"2026-03-12T14:00:00Z",
                         "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
                         "valueQuantity":{"value":0,"system":"http://unitsofmeasure.org","code":"kg"}}"""))
                        .add(json("""
                        {"resourceType":"Condition","id":"avm","clinicalStatus":{"coding":[{"code":"active"}]},
                         "code":{"text":"Cerebral arteriovenous malformation"}}""")),
                AS_OF);
        assertThat(r.context().patient().birthDate()).isNull();
        assertThat(r.context().patient().weightKg()).isNull();
        assertThat(reported(r, "Patient/p", "not possible")).isTrue();
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("body weight 0 kg is not plausible"));
        assertThat(r.context().conditions()).hasSize(1);
    }

    @Test
    void anUnrecognisedDraftOrder_isReported_andR5MedicationReferencesAreRead() throws IOException {
        FhirReadResult r = READER.read(resources("""
                {"resourceType":"MedicationRequest","id":"draft","status":"draft","intent":"order",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"9999999"}]}}""", """
                {"resourceType":"MedicationRequest","id":"r5-concept","status":"active","intent":"order",
                 "medication":{"concept":{"text":"clonazepam 0.5 mg"}}}""", """
                {"resourceType":"MedicationRequest","id":"r5-ref","status":"active","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"m","code":{"text":"tramadol 50 mg"}}],
                 "medication":{"reference":{"reference":"#m"}}}"""), AS_OF);
        assertThat(reported(r, "MedicationRequest/draft", "not recognised by the drug-class table"))
                .isTrue();
        assertThat(labels(r)).contains("clonazepam 0.5 mg", "tramadol 50 mg");
    }

    @Test
    void textFromTheRecord_isEscapedInCardMarkdown() throws IOException {
        FhirReadResult r = READER.read(resources("""
                {"resourceType":"MedicationRequest","id":"x","status":"active","intent":"order",
                 "medicationCodeableConcept":{"text":"lorazepam [see](javascript:alert(1)) <img src=x onerror=alert(2)> **now**"}}"""), AS_OF);
        Card card = ENGINE.evaluate(onCourse(r.context())).cardsOf("MED-011").get(0);
        // Every markdown-special character from the record is escaped: no link, no HTML, no emphasis.
        assertThat(card.detail())
                .doesNotContainPattern("(?<!\\\\)<img")
                .doesNotContainPattern("(?<!\\\\)\\]\\(")
                .doesNotContainPattern("(?<!\\\\)\\*\\*now")
                .contains("\\[see\\]", "\\<img", "\\*\\*now\\*\\*");
    }

    @Test
    void everyIssueNamesAResourceAndAProblem() throws IOException {
        ArrayNode input = JSON.createArrayNode().add(json(PATIENT));
        usCorePhq9Items().forEach(input::add);
        for (FhirIssue i : READER.read(input, AS_OF).issues()) {
            assertThat(i.resource()).isNotBlank();
            assertThat(i.problem()).isNotBlank();
        }
    }

    /** Cards by rule, indicator, summary and facts: what a clinician would see. */
    private static List<String> seen(Evaluation e) {
        return e.cards().stream()
                .map(c -> c.ruleId() + " " + c.indicator().code() + " " + c.summary() + " "
                        + c.explanation().facts())
                .sorted()
                .toList();
    }

    private static final String[] ANSWERS = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};

    /** One PHQ-9 as US Core item Observations (the US Core example as template), answers as LOINC answer codes. */
    private static void addItemObservations(ArrayNode input, String at, int[] items) throws IOException {
        String[] codes = {
            "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"
        };
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            ObjectNode o = (ObjectNode) usCore("Observation-PHQ9-item-example-" + codes[i] + ".json");
            o.put("id", "phq9-" + at.substring(0, 10) + "-" + i);
            o.put("effectiveDateTime", at);
            ObjectNode coding =
                    (ObjectNode) o.get("valueCodeableConcept").get("coding").get(0);
            coding.put("code", ANSWERS[items[i]]);
            coding.remove("display");
            ((ObjectNode) o.get("valueCodeableConcept")).remove("text");
            input.add(o);
            sum += items[i];
        }
        ObjectNode total = (ObjectNode) usCore("Observation-PHQ9-item-example-44261-6.json");
        total.put("id", "phq9-" + at.substring(0, 10) + "-total");
        total.put("effectiveDateTime", at);
        total.put("valueString", Integer.toString(sum));
        input.add(total);
    }

    /** The same PHQ-9 as a US Core QuestionnaireResponse (the US Core example as template). */
    private static void addQuestionnaireResponse(ArrayNode input, String at, int[] items) throws IOException {
        ObjectNode qr = (ObjectNode) usCore("QuestionnaireResponse-phq-9-example.json");
        qr.put("id", "qr-" + at.substring(0, 10));
        qr.put("authored", at);
        String[] codes = {
            "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"
        };
        int sum = 0;
        for (JsonNode item : qr.get("item")) {
            String link = item.get("linkId").asText().replace("/", "");
            for (int i = 0; i < 9; i++) {
                if (codes[i].equals(link)) {
                    ((ObjectNode) item.get("answer").get(0).get("valueCoding")).put("code", ANSWERS[items[i]]);
                    sum += items[i];
                }
            }
        }
        for (JsonNode item : qr.get("item")) {
            if (item.get("linkId").asText().equals("/44261-6")) {
                ((ObjectNode) item.get("answer").get(0)).put("valueDecimal", sum);
            }
        }
        input.add(qr);
    }

    @Test
    void usCorePhq9_asItemsOrQuestionnaireResponses_drivesTheTrajectoryRulesExactlyAsTheJsonDoes() throws IOException {
        String[] times = {"2026-03-02T14:00:00Z", "2026-03-05T14:00:00Z", "2026-03-09T14:00:00Z"};
        int[][] scores = {{2, 2, 2, 2, 1, 1, 2, 0, 0}, {3, 3, 2, 3, 2, 2, 2, 1, 0}, {3, 3, 3, 3, 2, 2, 2, 1, 1}};
        StringBuilder assessments = new StringBuilder();
        for (int t = 0; t < times.length; t++) {
            assessments
                    .append(t == 0 ? "" : ",")
                    .append("{\"instrument\":\"PHQ-9\",\"at\":\"")
                    .append(times[t])
                    .append("\",\"items\":")
                    .append(java.util.Arrays.toString(scores[t]))
                    .append('}');
        }
        org.ketaminecds.fact.SessionContext fromJson =
                org.ketaminecds.json.CdsJson.readContext("""
                {"asOf":"2026-03-09T15:20:00Z","patient":{"id":"pseudo-eq-1","ageYears":41,"sex":"female"},
                 "medications":{"reconciledAt":"2026-03-09T13:00:00Z","entries":[]},
                 "priorSessions":[{"at":"2026-03-02T14:30:00Z","product":"esketamine","phase":"induction"},
                                  {"at":"2026-03-05T14:30:00Z","product":"esketamine","phase":"induction"}],
                 "therapy":[{"type":"psychotherapy","start":"2025-11-01","ongoing":true}],
                 "assessments":[%s]}""".formatted(assessments));
        ArrayNode items = JSON.createArrayNode().add(json(PATIENT));
        ArrayNode responses = JSON.createArrayNode().add(json(PATIENT));
        for (int t = 0; t < times.length; t++) {
            addItemObservations(items, times[t], scores[t]);
            addQuestionnaireResponse(responses, times[t], scores[t]);
        }
        OffsetDateTime asOf = fromJson.asOf();
        List<Assessment> viaItems = READER.read(items, asOf).context().assessments();
        List<Assessment> viaResponses = READER.read(responses, asOf).context().assessments();
        assertThat(viaItems).isEqualTo(fromJson.assessments());
        assertThat(viaResponses).isEqualTo(fromJson.assessments());

        Evaluation expected = ENGINE.evaluate(fromJson);
        assertThat(expected.firedRules()).contains("TRJ-010", "TRJ-021");
        assertThat(seen(ENGINE.evaluate(
                        fromJson.toBuilder().assessments(viaItems).build())))
                .isEqualTo(seen(expected));
        assertThat(seen(ENGINE.evaluate(
                        fromJson.toBuilder().assessments(viaResponses).build())))
                .isEqualTo(seen(expected));
    }
}
