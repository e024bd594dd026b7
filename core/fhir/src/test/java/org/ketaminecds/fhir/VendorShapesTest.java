package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;

/**
 * The shapes EHRs and pharmacies send that the reader used to misread ({@code src/test/resources/fhir/vendor}, see
 * its README for what each follows).
 */
class VendorShapesTest {
    private static final Path VENDOR = Path.of("src/test/resources/fhir/vendor");
    private static final Path FIXTURES = Path.of("src/test/resources/fhir");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final FhirReader READER = new FhirReader(ENGINE.medications());

    private static FhirReadResult read(String name) throws IOException {
        return READER.read(JSON.readTree(VENDOR.resolve(name).toFile()), AS_OF);
    }

    @Test
    void searchesThatFoundNothing_answeredWithAnInformationOrWarningOutcome_areEmptyResults() throws IOException {
        FhirReadResult r = read("empty-searches.prefetch.json");
        assertThat(r.context().medications())
                .as("the medication list was sent, and is empty")
                .isNotNull();
        assertThat(r.context().medications().entries()).isEmpty();
        assertThat(r.notEvaluated()).as("nothing failed").isEmpty();
        assertThat(r.issues()).as("no results is not a problem").isEmpty();
        assertThat(FhirReader.failedPrefetch(JSON.readTree(
                                VENDOR.resolve("empty-searches.prefetch.json").toFile())
                        .get("medicationRequests")))
                .isFalse();
    }

    @Test
    void aSearchAnsweredWithAnErrorOutcome_staysAFailure() throws IOException {
        FhirReadResult r = read("failed-search.prefetch.json");
        assertThat(r.context().medications()).as("not an empty list: unknown").isNull();
        assertThat(r.notEvaluated()).extracting(n -> n.check()).contains("medication-interactions");
        assertThat(r.issues())
                .anySatisfy(
                        i -> assertThat(i.problem()).contains("could not prefetch", "not supported by this server"));
        JsonNode outcome = JSON.readTree("""
                {"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]}""");
        assertThat(FhirReader.failedPrefetch(outcome))
                .as("an OperationOutcome sent as the whole value is a failure, whatever its severity")
                .isTrue();
    }

    @Test
    void aCompoundedKetamineTroche_describedByItsIngredient_isTheKetamineOrder_takenByMouth() throws IOException {
        FhirReadResult r = read("compounded-ketamine-troche.prefetch.json");
        SessionContext c = r.context();
        assertThat(c.session())
                .as("the draft order is the session being ordered")
                .isNotNull();
        assertThat(c.session().product()).isEqualTo(Product.RACEMIC_KETAMINE);
        assertThat(c.session().route()).isEqualTo(Route.ORAL);
        assertThat(c.session().dose()).hasToString("100 mg");
        assertThat(c.medications().entries()).as("not a co-medication").isEmpty();
        assertThat(r.issues()).anySatisfy(i -> {
            assertThat(i.resource()).isEqualTo("MedicationRequest/draft-troche");
            assertThat(i.problem()).contains("dose form 'Troche'", "read as oral");
        });
    }

    @Test
    void aCombinationDescribedByIngredients_isCheckedForEach_andAnUnidentifiedOneIsListedAsNotChecked()
            throws IOException {
        FhirReadResult r = read("combination-by-ingredients.prefetch.json");
        List<Medication> entries = r.context().medications().entries();
        Medication combination = entries.stream()
                .filter(m -> !m.ingredients().isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(combination.label()).isEqualTo("oxycodone / acetaminophen");
        assertThat(combination.asNeeded())
                .as("\"as needed\" in the dosage text")
                .isTrue();
        assertThat(entries).anySatisfy(m -> assertThat(m.label()).contains("did not identify", "Medication/med-blank"));
        Evaluation e = ENGINE.evaluate(r.context(), r.notEvaluated());
        assertThat(e.cards()).as("the opioid ingredient is checked").anySatisfy(card -> {
            assertThat(card.ruleId()).isEqualTo("MED-010");
            assertThat(card.summary()).contains("oxycodone");
        });
        assertThat(e.uncheckedMedications())
                .extracting(UncheckedMedication::entry)
                .anySatisfy(entry -> assertThat(entry).contains("did not identify"));
        assertThat(e.cards()).extracting(card -> card.ruleId()).contains("MED-093");
    }

    @Test
    void dosageTextSayingAsNeeded_setsAsNeeded_asInTheUsCoreSelfTylenolExample() throws IOException {
        JsonNode tylenol = JSON.readTree(
                FIXTURES.resolve("us-core/medicationrequest-self-tylenol.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode input = JSON.createArrayNode();
        input.add(JSON.readTree(FIXTURES.resolve("us-core/patient-example.json").toFile()));
        input.add(tylenol);
        FhirReadResult r = READER.read(input, AS_OF);
        assertThat(r.context().medications().entries())
                .singleElement()
                .satisfies(m -> assertThat(m.asNeeded()).isTrue());
        for (String text : List.of("take 1 tab PRN", "1 tablet p.r.n. pain", "as-needed for sleep")) {
            assertThat(Dosages.asNeeded(JSON.createObjectNode().put("text", text)))
                    .as(text)
                    .isTrue();
        }
        for (String text : List.of("take once daily", "prnasal spray", "needed daily")) {
            assertThat(Dosages.asNeeded(JSON.createObjectNode().put("text", text)))
                    .as(text)
                    .isFalse();
        }
    }

    @Test
    void aPhq9SentAsItsTotalAndItem9_isOneCompleteAssessment_withoutAnIssue() throws IOException {
        FhirReadResult r = read("phq9-total-and-item9.prefetch.json");
        assertThat(r.context().assessments()).singleElement().satisfies(a -> {
            assertThat(a.instrument()).isEqualTo(Instrument.PHQ_9);
            assertThat(a.total()).isEqualTo(14);
            assertThat(a.phq9Item9()).isZero();
        });
        assertThat(r.issues()).isEmpty();
        assertThat(r.mappedResources())
                .containsExactlyInAnyOrder(
                        "Patient/pt-phq-1", "Observation/phq-total-0310", "Observation/phq-item9-0310");
    }

    @Test
    void everyIssue_namesTheResourceItIsAbout_whereTheResourceHasAnId() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int checked = 0;
        for (Path f : files) {
            FhirReadResult r;
            try {
                r = READER.read(JSON.readTree(f.toFile()), AS_OF);
            } catch (IOException | RuntimeException unreadable) {
                continue; // malformed on purpose, or a resource alone without a Patient: an error, not an issue
            }
            for (FhirIssue issue : r.issues()) {
                checked++;
                assertThat(issue.resource())
                        .as(f + ": " + issue.problem())
                        .matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]+(, [A-Z][A-Za-z]+/[A-Za-z0-9\\-.]+)*"
                                + "|prefetch .+|Bundle.*|input|OperationOutcome|Appointment|[A-Z][A-Za-z]+");
                if (issue.resource().equals("Observation")) {
                    assertThat(issue.problem())
                            .as(f + ": an issue about an Observation without an id")
                            .doesNotContain("PHQ-9 at", "blood pressure at");
                }
            }
        }
        assertThat(checked).as("issues checked").isGreaterThan(50);
    }
}
