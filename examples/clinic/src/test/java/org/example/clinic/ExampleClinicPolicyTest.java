package org.example.clinic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.json.PolicyFile;
import org.ketaminecds.testkit.PolicyCheck;

/**
 * What a clinic's informatics team writes: its policy file (clinic/policy.yaml), its local rule (SITE-001, in this
 * jar's knowledge base "exampleClinic", which includes every Ketamine CDS rule) and its own cases, pinned down with
 * the test kit. Only JUnit and the test kit are used: no other assertion library is needed.
 */
class ExampleClinicPolicyTest {
    static final Path POLICY = Path.of("policy.yaml");
    static final PolicyCheck CLINIC = PolicyCheck.of(CdsEngine.builder()
            .policy(read(POLICY).policy())
            .knowledgeBase("exampleClinic")
            .build());

    /** The clinic's scenario files, one dynamic test per scenario: the one line the README shows. */
    @TestFactory
    Stream<DynamicTest> clinicScenarios() {
        return CLINIC.scenarios(Path.of("scenarios"));
    }

    static final String OPIOID_AND_CLINIC_LORAZEPAM = """
            {"asOf": "2026-03-09T14:00:00Z",
             "patient": {"id": "pseudo-clinic-02", "ageYears": 52, "sex": "male"},
             "session": {"number": 2, "product": "esketamine", "route": "intranasal", "dose": {"value": 56, "unit": "mg"},
                         "phase": "induction", "scheduledAt": "2026-03-09T14:30:00Z"},
             "medications": {"reconciledAt": "2026-03-08T10:00:00Z",
                             "entries": [{"text": "morphine 10 mg", "status": "active"},
                                         {"text": "Loraclin 1 mg", "status": "active"}]}}""";

    @Test
    void localRule_isExplainedAsLocal_andSitsOnTopOfTheShippedWarnings() {
        CLINIC.evaluate(OPIOID_AND_CLINIC_LORAZEPAM)
                .hasCard("SITE-001")
                .withIndicator(Indicator.CRITICAL)
                .mentioning("morphine")
                .mentioning("lorazepam")
                .isLocal()
                .and()
                .hasCard("MED-013")
                .withIndicator(Indicator.WARNING)
                .mentioning("Loraclin 1 mg");
        String detail = CLINIC.evaluate(OPIOID_AND_CLINIC_LORAZEPAM)
                .hasCard("SITE-001")
                .cards()
                .get(0)
                .detail();
        assertTrue(detail.contains("local rule"), detail);
    }

    @Test
    void theSameCase_underTheShippedDefaults_hasNoLocalRule_andDoesNotKnowTheLocalPackName() {
        PolicyCheck defaults = PolicyCheck.withDefaults();
        assertTrue(defaults.engine().rules().stream().noneMatch(r -> r.id().equals("SITE-001")));
        // An assertion about a rule the rule set does not have tests nothing, so the kit refuses it.
        AssertionError unknown = assertThrows(
                AssertionError.class,
                () -> defaults.evaluate(OPIOID_AND_CLINIC_LORAZEPAM).hasNoCard("SITE-001"));
        assertTrue(
                unknown.getMessage().contains("names rule SITE-001, which is not in rule set"), unknown.getMessage());
        defaults.evaluate(OPIOID_AND_CLINIC_LORAZEPAM)
                .hasNoCard("MED-011")
                .hasExactlyUnchecked(java.util.List.of("Loraclin 1 mg"))
                .hasNoCardAbove(Indicator.WARNING);
    }

    @Test
    void aFailingCheck_listsTheCardsThatWereProduced() {
        AssertionError failure = assertThrows(
                AssertionError.class,
                () -> CLINIC.evaluate(OPIOID_AND_CLINIC_LORAZEPAM).hasNoCardAbove(Indicator.INFO));
        assertTrue(
                failure.getMessage().contains("[critical] SITE-001: Opioid and benzodiazepine together"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("[warning] MED-013"), failure.getMessage());
    }

    @Test
    void everyResult_namesThePolicyAndItsHash() {
        var evaluation = CLINIC.evaluate(OPIOID_AND_CLINIC_LORAZEPAM).evaluation();
        assertTrue(evaluation.policyName().equals("example-clinic-2026-11"), evaluation.policyName());
        assertTrue(evaluation.policyHash().matches("sha256:[0-9a-f]{64}"), evaluation.policyHash());
    }

    private static PolicyFile read(Path file) {
        try {
            return PolicyFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
