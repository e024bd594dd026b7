package org.ketaminecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.policy.LocalCondition;
import org.ketaminecds.policy.LocalDrug;
import org.ketaminecds.policy.PolicyChange;
import org.ketaminecds.policy.PolicyHash;
import org.ketaminecds.policy.SitePolicy;

class PolicyFileTest {
    static final String FULL = """
            {"name": "clinic-b",
             "description": "test site",
             "settings": {"spo2Minimum": {"value": 90, "reason": "Anaesthesia protocol AN-12"}},
             "disabledRules": {"MED-023": "BP measured at every session"},
             "disabledTopics": {"therapy-integration": "Everyone is in our programme"},
             "indicatorOverrides": {"MED-012": {"indicator": "info", "reason": "Gabapentin audit 2025"}},
             "localDrugs": [{"ingredient": "Alprazolam", "names": ["Alprax"], "reason": "Imported brand"},
                            {"ingredient": "zolpidemx", "classes": ["OTHER_CNS_DEPRESSANT"], "kind": "Z-drug", "names": ["Zolx"],
                             "reason": "Trial drug"}],
             "localConditions": [{"category": "PSYCHOSIS", "system": "urn:clinic:problems", "codes": ["PSY-1"],
                                  "reason": "Our problem-list code"}]}""";

    @Test
    void fullFile_readsIntoThePolicy_andListsEachChangeWithItsReason() {
        PolicyFile file = PolicyFile.parse(FULL);
        SitePolicy p = file.policy();
        assertThat(p.name()).isEqualTo("clinic-b");
        assertThat(p.spo2Minimum()).isEqualTo(90);
        assertThat(p.respiratoryRateMinimum()).isEqualTo(SitePolicy.defaults().respiratoryRateMinimum());
        assertThat(p.disabledRules()).containsExactly("MED-023");
        assertThat(p.disabledTopics()).containsExactly("therapy-integration");
        assertThat(p.indicatorOverrides().get("MED-012").indicator()).isEqualTo(Indicator.INFO);
        assertThat(p.localDrugs()).extracting(LocalDrug::ingredient).containsExactly("alprazolam", "zolpidemx");
        assertThat(p.localConditions())
                .singleElement()
                .extracting(LocalCondition::category)
                .isEqualTo(ConditionCategory.PSYCHOSIS);
        assertThat(file.changes())
                .extracting(PolicyChange::key)
                .containsExactly(
                        "settings.spo2Minimum",
                        "disabledRules.MED-023",
                        "disabledTopics.therapy-integration",
                        "indicatorOverrides.MED-012",
                        "localDrugs.alprazolam",
                        "localDrugs.zolpidemx",
                        "localConditions.PSYCHOSIS");
        assertThat(file.changes().get(0))
                .isEqualTo(new PolicyChange(
                        "settings.spo2Minimum",
                        String.valueOf(SitePolicy.defaults().spo2Minimum()),
                        "90",
                        "Anaesthesia protocol AN-12"));
        assertThat(p.localDrugs().get(1).classes()).containsExactly(DrugClass.OTHER_CNS_DEPRESSANT);
    }

    @Test
    void report_showsEveryDifference_shippedAndSiteValue_andReason() {
        String report = PolicyFile.parse(FULL).report();
        assertThat(report)
                .startsWith("Site policy 'clinic-b' (sha256:")
                .contains("7 difference(s) from the shipped defaults")
                .contains("- settings.spo2Minimum: " + SitePolicy.defaults().spo2Minimum()
                        + " -> 90\n  reason: Anaesthesia protocol AN-12")
                .contains("- disabledRules.MED-023: on -> off\n  reason: BP measured at every session")
                .contains("- indicatorOverrides.MED-012:")
                .contains("reason: Gabapentin audit 2025")
                .contains("Alprax", "reason: Imported brand", "PSY-1", "reason: Our problem-list code");
    }

    @Test
    void aFileWithOnlyAName_isTheDefaults_andSaysSo() {
        PolicyFile file = PolicyFile.parse("{\"name\": \"plain\"}");
        assertThat(file.policy()).isEqualTo(SitePolicy.defaults().withName("plain"));
        assertThat(file.changes()).isEmpty();
        assertThat(file.report()).contains("No differences from the shipped defaults.");
    }

    @Test
    void theHash_dependsOnContent_notOnKeyOrder() {
        String reordered = """
                {"settings": {"spo2Minimum": {"reason": "Anaesthesia protocol AN-12", "value": 90}},
                 "name": "clinic-b"}""";
        String original = """
                {"name": "clinic-b", "settings": {"spo2Minimum": {"value": 90, "reason": "Anaesthesia protocol AN-12"}}}""";
        String other = original.replace("90", "91");
        assertThat(PolicyHash.of(PolicyFile.parse(reordered).policy()))
                .isEqualTo(PolicyHash.of(PolicyFile.parse(original).policy()))
                .isNotEqualTo(PolicyHash.of(PolicyFile.parse(other).policy()))
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void policyHash_isTheFullSha256_ofTheRfc8785CanonicalForm() throws Exception {
        SitePolicy p = PolicyFile.parse(FULL).policy();
        String canonical = PolicyHash.canonicalForm(p);
        // RFC 8785: no whitespace between tokens, members in code-point order at every level.
        assertThat(canonical).doesNotContain(": ").doesNotContain(", ").startsWith("{\"");
        com.fasterxml.jackson.databind.JsonNode tree =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(canonical);
        List<String> names = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSorted().contains("name", "spo2Minimum", "localDrugs");
        String expected = "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(PolicyHash.of(p)).isEqualTo(expected);
        // A reason the policy keeps (an indicator override's) is part of the hash.
        SitePolicy otherReason = PolicyFile.parse(FULL.replace("Gabapentin audit 2025", "Gabapentin audit 2026"))
                .policy();
        assertThat(PolicyHash.of(otherReason)).isNotEqualTo(PolicyHash.of(p));
    }

    @Test
    void yamlFile_readsLikeJson(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("policy.yaml");
        Files.writeString(yaml, """
                name: clinic-b
                settings:
                  spo2Minimum: {value: 90, reason: Anaesthesia protocol AN-12}
                disabledRules:
                  MED-023: BP measured at every session
                """);
        PolicyFile file = PolicyFile.read(yaml);
        assertThat(file.policy().spo2Minimum()).isEqualTo(90);
        assertThat(file.policy().disabledRules()).containsExactly("MED-023");
    }

    @Test
    void brokenYaml_isAnInvalidFileError(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("policy.yml");
        Files.writeString(yaml, "name: [unclosed\n");
        assertThatThrownBy(() -> PolicyFile.read(yaml))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("not valid YAML");
    }

    /** Each invalid file is rejected with the JSON path of the problem and what is allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key       | {"name": "x", "thresholds": {}}                                             | $.thresholds          | unknown key
            missing name                | {"settings": {}}                                                            | $.name                | is required
            not an object               | ["name"]                                                                    | $                     | JSON object
            unknown setting             | {"name": "x", "settings": {"spo2Min": {"value": 90, "reason": "r"}}}        | $.settings.spo2Min    | known: bpRecheckToleranceMinutes
            setting below its range     | {"name": "x", "settings": {"spo2Minimum": {"value": 70, "reason": "r"}}}    | $.settings.spo2Minimum.value | 80
            setting above its range     | {"name": "x", "settings": {"spo2Minimum": {"value": 99, "reason": "r"}}}    | $.settings.spo2Minimum.value | 98
            setting not a number        | {"name": "x", "settings": {"spo2Minimum": {"value": "90", "reason": "r"}}}  | $.settings.spo2Minimum.value | whole number
            setting without reason      | {"name": "x", "settings": {"spo2Minimum": {"value": 90}}}                   | $.settings.spo2Minimum.reason | is required
            setting as bare value       | {"name": "x", "settings": {"spo2Minimum": 90}}                              | $.settings.spo2Minimum | JSON object
            setting with extra key      | {"name": "x", "settings": {"spo2Minimum": {"value": 90, "reason": "r", "by": "me"}}} | $.settings.spo2Minimum.by | unknown key
            disabled rule not an id     | {"name": "x", "disabledRules": {"med 23": "r"}}                             | $.disabledRules.med 23 | rule id
            disabled rule, no reason    | {"name": "x", "disabledRules": {"MED-023": ""}}                             | $.disabledRules.MED-023 | written reason
            disabled rules as a list    | {"name": "x", "disabledRules": ["MED-023"]}                                 | $.disabledRules       | JSON object
            override without reason     | {"name": "x", "indicatorOverrides": {"MED-012": {"indicator": "info"}}}     | $.indicatorOverrides.MED-012.reason | required
            override, bad indicator     | {"name": "x", "indicatorOverrides": {"MED-012": {"indicator": "low", "reason": "r"}}} | $.indicatorOverrides.MED-012.indicator | info, warning, critical
            local drug, unknown class   | {"name": "x", "localDrugs": [{"ingredient": "a", "classes": ["SEDATIVE"], "reason": "r"}]} | $.localDrugs[0].classes | is not one of: OPIOID
            local drug without reason   | {"name": "x", "localDrugs": [{"ingredient": "a", "names": ["A"]}]}          | $.localDrugs[0].reason | written reason
            local drug, bad RxNorm      | {"name": "x", "localDrugs": [{"ingredient": "a", "rxnorm": ["12a"], "reason": "r"}]} | $.localDrugs[0].rxnorm | digits
            local drug, nothing to add  | {"name": "x", "localDrugs": [{"ingredient": "a", "reason": "r"}]}           | $.localDrugs[0].names | needs names
            local condition, bad category | {"name": "x", "localConditions": [{"category": "PSYCHOTIC", "codes": ["P"], "system": "s", "reason": "r"}]} | $.localConditions[0].category | is not one of
            """)
    void invalidFile_namesTheKeyAndWhatIsAllowed(String problem, String json, String path, String message) {
        assertThatThrownBy(() -> PolicyFile.parse(json))
                .as(problem)
                .isInstanceOf(InvalidFactException.class)
                .satisfies(e -> assertThat(((InvalidFactException) e).path()).isEqualTo(path))
                .hasMessageContaining(message);
    }
}
