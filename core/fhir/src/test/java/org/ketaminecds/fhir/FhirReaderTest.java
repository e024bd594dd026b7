package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.ConditionSeverity;
import org.ketaminecds.fact.ConditionStatus;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fact.SuicideRisk;
import org.ketaminecds.fact.TherapyType;

/** The FHIR R4 reader, resource type by resource type, on fixtures written in US Core shape. */
class FhirReaderTest {
    static final Path FIXTURES = Path.of("src/test/resources/fhir");
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(FIXTURES.resolve(name).toFile());
    }

    /** The full prefetch map, as a CDS client would send it. */
    static ObjectNode prefetch() throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.set("patient", fixture("patient.json"));
        p.set("conditions", fixture("conditions.bundle.json"));
        p.set("medicationRequests", fixture("medication-list.bundle.json"));
        p.set("medicationStatements", fixture("medication-statements.bundle.json"));
        p.set("observations", fixture("observations.bundle.json"));
        p.set("questionnaireResponses", fixture("phq9.questionnaire-response.json"));
        p.set("administrations", fixture("session.bundle.json"));
        return p;
    }

    private static FhirReadResult readAll() throws IOException {
        return READER.read(prefetch(), AS_OF);
    }

    private static boolean reported(FhirReadResult r, String resource, String problemPart) {
        for (FhirIssue i : r.issues()) {
            if (i.resource().equals(resource) && i.problem().contains(problemPart)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void patient_mapsIdBirthDateAndSex_andWeightFromObservation() throws IOException {
        SessionContext c = readAll().context();
        assertThat(c.patient().id()).isEqualTo("pt-1001");
        assertThat(c.patient().birthDate()).hasToString("1984-07-19");
        assertThat(c.patient().sex()).isEqualTo(Sex.FEMALE);
        assertThat(c.patient().weightKg()).isEqualTo(68.0);
    }

    @Test
    void conditions_mapCodesStatusOnsetAndSeverity_andReportWhatTheyCannotMap() throws IOException {
        FhirReadResult r = readAll();
        assertThat(r.context().conditions()).hasSize(2);
        assertThat(r.context().conditions().get(0).code().code()).isEqualTo("1153570009");
        assertThat(r.context().conditions().get(0).onset()).hasToString("2018-02-01");
        assertThat(r.context().conditions().get(1).severity()).isEqualTo(ConditionSeverity.MODERATE);
        assertThat(r.context().conditions().get(1).status()).isEqualTo(ConditionStatus.ACTIVE);
        assertThat(reported(r, "Condition/cond-refuted", "refuted")).isTrue();
        assertThat(reported(r, "Condition/cond-uncoded", "no SNOMED CT or ICD-10 coding"))
                .isTrue();
    }

    @Test
    void medications_mapTextCodesContainedReferencesStatusDoseAndAsNeeded() throws IOException {
        FhirReadResult r = readAll();
        var meds = r.context().medications().entries();
        // The order whose medication reference is not in the input is kept as an entry that could not be checked.
        assertThat(meds)
                .extracting(m -> m.label())
                .containsExactlyInAnyOrder(
                        "Xanax 0.5 mg tablet",
                        "sertraline 100 mg tablet",
                        "Norco 5/325",
                        "oxycodone",
                        "a medication the record did not include (reference not resolved)");
        var xanax = meds.stream()
                .filter(m -> m.label().startsWith("Xanax"))
                .findFirst()
                .orElseThrow();
        assertThat(xanax.asNeeded()).isTrue();
        assertThat(xanax.dose()).hasToString("0.5 mg");
        assertThat(xanax.frequency()).isEqualTo("0.5 mg at bedtime as needed");
        assertThat(meds.stream()
                        .filter(m -> m.label().equals("Norco 5/325"))
                        .findFirst()
                        .orElseThrow()
                        .status())
                .isEqualTo(MedicationStatus.STOPPED);
        assertThat(reported(r, "MedicationRequest/mr-error", "entered-in-error"))
                .isTrue();
        assertThat(reported(r, "MedicationRequest/mr-dangling", "is not in the input: listed as not checked"))
                .isTrue();
        assertThat(r.context().medications().reconciledAt()).hasToString("2026-03-12T13:50:00Z");
    }

    @Test
    void vitals_mapPanelsAndSingleValues_checkUnits() throws IOException {
        FhirReadResult r = readAll();
        assertThat(r.context().vitals()).anySatisfy(v -> {
            assertThat(v.systolic()).isEqualTo(142);
            assertThat(v.diastolic()).isEqualTo(92);
        });
        assertThat(r.context().vitals())
                .anySatisfy(v -> assertThat(v.heartRate()).isEqualTo(78));
        assertThat(r.context().vitals()).anySatisfy(v -> assertThat(v.spo2()).isEqualTo(97));
        assertThat(reported(r, "Observation/spo2-bad-unit", "unit must be %, was '1'"))
                .isTrue();
        assertThat(reported(r, "Observation/temperature", "LOINC 8310-5 is not used"))
                .isTrue();
    }

    @Test
    void scores_mapLocalCodesLoincAndTheQuestionnaireResponse() throws IOException {
        FhirReadResult r = readAll();
        var assessments = r.context().assessments();
        assertThat(assessments)
                .filteredOn(a -> a.instrument() == Instrument.MADRS)
                .extracting(a -> a.total())
                .containsExactlyInAnyOrder(32, 27);
        assertThat(assessments)
                .filteredOn(a -> a.instrument() == Instrument.C_SSRS)
                .singleElement()
                .satisfies(a -> assertThat(a.riskLevel()).isEqualTo(SuicideRisk.LOW));
        assertThat(assessments)
                .filteredOn(a -> a.instrument() == Instrument.PHQ_9)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.items()).containsExactly(2, 2, 1, 2, 1, 1, 0, 0, 1);
                    assertThat(a.total()).isEqualTo(10);
                    assertThat(a.phq9Item9()).isEqualTo(1);
                });
        assertThat(r.context().sedation())
                .singleElement()
                .satisfies(s -> assertThat(s.moaas()).isEqualTo(4));
    }

    @Test
    void session_comesFromTodaysAdministration_priorOnesAreThePriorSessions() throws IOException {
        FhirReadResult r = readAll();
        var s = r.context().session();
        assertThat(s.product()).isEqualTo(Product.ESKETAMINE);
        assertThat(s.route()).isEqualTo(Route.INTRANASAL);
        assertThat(s.dose()).hasToString("84 mg");
        assertThat(s.number()).isEqualTo(4);
        assertThat(s.phase()).isEqualTo(Phase.INDUCTION);
        assertThat(s.doseAt()).hasToString("2026-03-12T14:41:00Z");
        assertThat(s.day().lastFoodAt()).hasToString("2026-03-12T11:30:00Z");
        assertThat(s.day().transportArranged()).isTrue();
        assertThat(s.day().prescriberOnSite()).isNull();
        assertThat(r.context().priorSessions()).extracting(p -> p.attendance()).containsOnly(Attendance.COMPLETED);
        assertThat(r.context().priorSessions()).hasSize(3);
        assertThat(r.context().plan().nextSessionAt()).hasToString("2026-03-16T14:30:00Z");
        assertThat(r.context().therapy()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TherapyType.PSYCHOTHERAPY);
            assertThat(t.ongoing()).isTrue();
        });
        assertThat(reported(r, "MedicationAdministration/ma-other", "other than ketamine"))
                .isTrue();
        assertThat(reported(r, "Encounter/enc-0312", "context only")).isTrue();
    }

    @Test
    void everyInputResource_isEitherMappedOrReported() throws IOException {
        FhirReadResult r = readAll();
        int resources = 1 + 4 + 5 + 1 + 14 + 1 + 8;
        int reportedResources = (int) r.issues().stream()
                .map(FhirIssue::resource)
                .filter(x -> x.contains("/"))
                .distinct()
                .count();
        // One resource is both mapped and reported: the order with a dangling medication reference.
        assertThat(r.mapped() + reportedResources).isEqualTo(resources + 1);
    }

    @Test
    void absentMedicationKeys_meanTheListWasNotProvided_nullMeansEmpty() throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.set("patient", fixture("patient.json"));
        assertThat(READER.read(p, AS_OF).context().medications()).isNull();
        p.putNull("medicationRequests");
        assertThat(READER.read(p, AS_OF).context().medications().entries()).isEmpty();
    }

    @Test
    void aDraftKetamineOrder_isTheSessionBeingOrdered_notACoMedication() throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.set("patient", fixture("patient.json"));
        p.set("draftOrders", JSON.readTree("""
                {"resourceType":"Bundle","type":"collection","entry":[{"resource":{
                  "resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                  "medicationCodeableConcept":{"text":"ketamine 0.5 mg/kg IV over 40 minutes"},
                  "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008"}]},
                    "doseAndRate":[{"doseQuantity":{"value":0.5,"code":"mg/kg"}}]}]}}]}"""));
        SessionContext c = READER.read(p, AS_OF).context();
        assertThat(c.session().product()).isEqualTo(Product.RACEMIC_KETAMINE);
        assertThat(c.session().route()).isEqualTo(Route.INTRAVENOUS);
        assertThat(c.session().dose()).hasToString("0.5 mg/kg");
        assertThat(c.session().doseAt()).isNull();
        assertThat(c.medications().entries()).isEmpty();
    }

    @Test
    void observationsAfterAsOf_areReportedNotUsed() throws IOException {
        FhirReadResult r = READER.read(prefetch(), OffsetDateTime.parse("2026-03-12T15:00:00Z"));
        assertThat(r.context().vitals()).noneMatch(v -> v.at().toString().equals("2026-03-12T15:22:00Z"));
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("after asOf"));
    }

    @Test
    void malformedInput_withoutPatient_isAnError() {
        assertThatThrownBy(() ->
                        READER.read(JSON.readTree("{\"resourceType\":\"Observation\",\"status\":\"final\"}"), AS_OF))
                .isInstanceOf(InvalidFactException.class)
                .hasMessage("$: no Patient resource with an id was found in the FHIR input");
    }

    @Test
    void malformedResources_areReportedNotFatal() throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.set("patient", fixture("patient.json"));
        p.set("observations", JSON.readTree("""
                [{"resourceType":"Observation","id":"no-time","status":"final",
                  "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":70,"code":"/min"}},
                 {"resourceType":"Observation","id":"half-bp","status":"final","effectiveDateTime":"2026-03-12T14:00:00Z",
                  "code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":130,"code":"mm[Hg]"}},
                 {"resourceType":"Observation","id":"bad-exp","status":"final","effectiveDateTime":"2026-03-12T14:00:00Z",
                  "code":{"coding":[{"system":"urn:ketaminecds:observation","code":"challenging-experience"}]},
                  "valueCodeableConcept":{"coding":[{"code":"hallucinated-dragons"}]}},
                 {"resourceType":"Flag","id":"f1"}, "not a resource"]"""));
        FhirReadResult r = READER.read(p, AS_OF);
        assertThat(reported(r, "Observation/no-time", "no effectiveDateTime")).isTrue();
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("has only its systolic value"));
        assertThat(reported(r, "Observation/bad-exp", "experience type 'hallucinated-dragons' is not known"))
                .isTrue();
        assertThat(reported(r, "Flag/f1", "resource type Flag is not used")).isTrue();
        assertThat(r.issues()).anyMatch(i -> i.problem().contains("expected a FHIR resource"));
    }
}
