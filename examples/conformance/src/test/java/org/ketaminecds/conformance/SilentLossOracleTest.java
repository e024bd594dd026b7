package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fhir.FhirIssue;
import org.ketaminecds.fhir.FhirReadResult;

/** The oracle itself can fail: a resource claimed as mapped without its content, or neither mapped nor reported. */
class SilentLossOracleTest {
    private static final SessionContext EMPTY = SessionContext.builder(
                    OffsetDateTime.parse("2026-03-12T15:30:00Z"), Patient.of("p"))
            .build();

    @Test
    void aMappedConditionMissingFromTheFacts_isALoss() throws Exception {
        JsonNode condition = Corpus.JSON.readTree("""
                {"resourceType":"Condition","id":"c1","code":{"coding":[{"system":"http://snomed.info/sct","code":"22298006"}]}}""");
        FhirReadResult claimed = new FhirReadResult(EMPTY, List.of(), List.of("Condition/c1"), List.of());
        assertThat(SilentLossOracle.losses(List.of(condition), claimed))
                .containsExactly("Condition/c1: mapped, but no condition with its code or text");
    }

    @Test
    void aResourceNeitherMappedNorReported_isALoss_andAReportedOneIsNot() throws Exception {
        JsonNode observation = Corpus.JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"o1\"}");
        assertThat(SilentLossOracle.losses(
                        List.of(observation), new FhirReadResult(EMPTY, List.of(), List.of(), List.of())))
                .containsExactly("Observation/o1: neither mapped nor reported");
        assertThat(SilentLossOracle.losses(
                        List.of(observation),
                        new FhirReadResult(
                                EMPTY, List.of(new FhirIssue("Observation/o1", "not used")), List.of(), List.of())))
                .isEmpty();
    }
}
