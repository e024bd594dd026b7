package org.ketaminecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.SessionContext;

/** JSON round trip of the whole model, and rejection of malformed or unknown input with a JSON path. */
class CdsJsonTest {
    /** The documented complete example (every field), shared with the README and the CLI samples. */
    static final Path FULL_EXAMPLE = Path.of("../../examples/samples/full-context.json");

    private static String minimal(String extra) {
        return "{\"asOf\":\"2026-03-02T09:00:00Z\",\"patient\":{\"id\":\"p1\"}" + extra + "}";
    }

    @Test
    void fullExample_readsEveryField() throws IOException {
        SessionContext c = CdsJson.readContext(FULL_EXAMPLE);
        assertThat(c.asOf().getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
        assertThat(c.patient().weightKg()).isEqualTo(68.5);
        assertThat(c.conditions()).hasSize(2);
        assertThat(c.allergies()).hasSize(1);
        assertThat(c.medications().entries()).hasSize(3);
        assertThat(c.medications().entries().get(0).asNeeded()).isTrue();
        assertThat(c.medications().entries().get(1).asNeeded()).isFalse();
        assertThat(c.medications().entries().get(2).status()).isEqualTo(MedicationStatus.STOPPED);
        assertThat(c.session().day().prescriberOnSite()).isTrue();
        assertThat(c.priorSessions()).hasSize(3);
        assertThat(c.vitals()).hasSize(2);
        assertThat(c.sedation()).hasSize(1);
        assertThat(c.dissociation()).hasSize(1);
        assertThat(c.experiences()).hasSize(1);
        assertThat(c.assessments())
                .extracting(a -> a.instrument())
                .containsExactly(
                        Instrument.PHQ_9, Instrument.MADRS, Instrument.QIDS_SR16, Instrument.GAD_7, Instrument.C_SSRS);
        assertThat(c.assessments().get(0).total()).isEqualTo(18);
        assertThat(c.therapy()).hasSize(2);
        assertThat(c.plan().nextSessionAt()).isNotNull();
    }

    @Test
    void roundTrip_givesAnEqualContext() throws IOException {
        SessionContext original = CdsJson.readContext(FULL_EXAMPLE);
        String written = CdsJson.writeContext(original);
        assertThat(CdsJson.readContext(written)).isEqualTo(original);
        assertThat(written)
                .contains(
                        "\"asOf\" : \"2026-03-12T10:30:00-05:00\"",
                        "\"instrument\" : \"PHQ-9\"",
                        "\"unit\" : \"mg\"",
                        "\"attendance\" : \"missed\"");
    }

    @Test
    void roundTrip_keepsAnEmptyMedicationListDistinctFromAnAbsentOne() {
        SessionContext empty = CdsJson.readContext(minimal(",\"medications\":{}"));
        SessionContext absent = CdsJson.readContext(minimal(""));
        assertThat(empty.medications()).isNotNull();
        assertThat(absent.medications()).isNull();
        assertThat(CdsJson.readContext(CdsJson.writeContext(empty)).medications())
                .isNotNull();
        assertThat(CdsJson.readContext(CdsJson.writeContext(absent)).medications())
                .isNull();
    }

    @Test
    void unknownField_namesPathAndKnownFields() {
        assertThatThrownBy(() -> CdsJson.readContext(minimal(
                        ",\"medications\":{\"entries\":[{\"text\":\"x\",\"status\":\"active\",\"dosage\":1}]}")))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith(
                        "$.medications.entries[0].dosage: unknown field 'dosage' (known fields: asNeeded, code, dose,");
    }

    @Test
    void unknownEnumValue_listsTheAllowedValues() {
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"medications\":{\"entries\":[{\"text\":\"x\",\"status\":\"paused\"}]}")))
                .hasMessage("$.medications.entries[0].status: 'paused' is not one of: active, on-hold, stopped");
    }

    @Test
    void validationFailureInsideAList_namesTheFullPath() {
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"vitals\":[{\"at\":\"2026-03-02T08:00:00Z\",\"systolic\":80,\"diastolic\":95}]")))
                .hasMessage("$.vitals[0].diastolic: must be below systolic (80 mmHg), was 95 mmHg");
    }

    @Test
    void contextLevelValidation_namesTheFullPath() {
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"vitals\":[{\"at\":\"2026-03-02T10:00:00Z\",\"heartRate\":80}]")))
                .hasMessage("$.vitals[0].at: must not be after asOf (2026-03-02T09:00:00Z), was 2026-03-02T10:00:00Z");
    }

    @Test
    void missingAsOf_isRejected() {
        assertThatThrownBy(() -> CdsJson.readContext("{\"patient\":{\"id\":\"p1\"}}"))
                .hasMessage("$.asOf: is required but was missing");
    }

    @Test
    void missingRequiredNumber_isRejectedAsMissing() {
        assertThatThrownBy(() -> CdsJson.readContext(minimal(
                        ",\"session\":{\"product\":\"esketamine\",\"route\":\"intranasal\",\"phase\":\"induction\"}")))
                .hasMessage("$.session.number: is required but was missing");
    }

    @Test
    void stringWhereANumberBelongs_isRejected() {
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"vitals\":[{\"at\":\"2026-03-02T08:00:00Z\",\"heartRate\":\"80\"}]")))
                .isInstanceOf(InvalidFactException.class)
                .hasMessage("$.vitals[0].heartRate: expected a number, was the string \"80\"");
    }

    @Test
    void fractionWhereAWholeNumberBelongs_isRejected() {
        assertThatThrownBy(() ->
                        CdsJson.readContext(minimal(",\"sedation\":[{\"at\":\"2026-03-02T08:00:00Z\",\"moaas\":2.5}]")))
                .hasMessageStartingWith("$.sedation[0].moaas: expected a whole number");
    }

    @Test
    void nullForARequiredPrimitive_isRejected() {
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"sedation\":[{\"at\":\"2026-03-02T08:00:00Z\",\"moaas\":null}]")))
                .hasMessageStartingWith("$.sedation[0].moaas: expected a whole number");
    }

    @Test
    void badDate_isRejectedWithTheExpectedFormat() {
        assertThatThrownBy(() -> CdsJson.readContext("{\"asOf\":\"02/03/2026\",\"patient\":{\"id\":\"p1\"}}"))
                .hasMessage("$.asOf: '02/03/2026' is not an ISO-8601 date-time with seconds and an offset "
                        + "(e.g. 2026-03-02T09:00:00Z or 2026-03-02T09:00:00-05:00)");
    }

    @Test
    void malformedJson_isRejectedWithALocation() {
        assertThatThrownBy(() -> CdsJson.readContext("{\"asOf\":\"2026-03-02T09:00:00Z\",\"patient\":{\"id\":\"p1\""))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("$.patient")
                .hasMessageContaining("line 1");
    }

    @Test
    void duplicateKey_isRejected() {
        assertThatThrownBy(
                        () -> CdsJson.readContext(
                                "{\"asOf\":\"2026-03-02T09:00:00Z\",\"asOf\":\"2026-03-03T09:00:00Z\",\"patient\":{\"id\":\"p1\"}}"))
                .hasMessageContaining("Duplicate field 'asOf'");
    }

    @Test
    void trailingContent_isRejected() {
        assertThatThrownBy(() -> CdsJson.readContext(minimal("") + "{}"))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith("$");
    }

    @Test
    void deepNesting_isRejectedWithAPath() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> CdsJson.readContext(minimal(",\"conditions\":" + deep)))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith("$.conditions[0]: expected an object (Condition)");
        assertThatThrownBy(() -> CdsJson.readContext(deep))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith("$: expected an object (SessionContext)");
    }

    @Test
    void hugeString_isRejectedByTheReadLimit() {
        String huge = "x".repeat(CdsJson.MAX_STRING_LENGTH + 1);
        assertThatThrownBy(() -> CdsJson.readContext(
                        minimal(",\"medications\":{\"entries\":[{\"text\":\"" + huge + "\",\"status\":\"active\"}]}")))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void sampleFilesOfTheExamples_allParse() throws IOException {
        try (var files = Files.list(FULL_EXAMPLE.getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(CdsJson.readContext(file)).as(file.toString()).isNotNull();
            }
        }
    }
}
