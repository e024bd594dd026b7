package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.ConditionStatus;
import org.ketaminecds.knowledge.ConditionTable;

/** The bundled condition-code table recognises problem-list entries by code (exact or prefix) and by name. */
class ConditionTableTest {
    private static final ConditionTable TABLE = ConditionTable.bundled(ConditionTableTest.class.getClassLoader());

    private static Condition coded(String system, String code) {
        return new Condition(Coding.of(system, code), null, ConditionStatus.ACTIVE, null, null);
    }

    @Test
    void icdPrefixes_matchWithOrWithoutDots() {
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "I61.9")))
                .containsExactly(ConditionCategory.INTRACEREBRAL_HEMORRHAGE);
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "i619")))
                .containsExactly(ConditionCategory.INTRACEREBRAL_HEMORRHAGE);
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "I71.40")))
                .containsExactly(ConditionCategory.ANEURYSMAL_VASCULAR_DISEASE);
    }

    @Test
    void codesThatOnlyLookAlike_doNotMatch() {
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "I71.00")))
                .as("aortic dissection is not an aneurysm")
                .containsExactly(ConditionCategory.ARTERIAL_DISSECTION);
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "F17.210")))
                .as("nicotine")
                .isEmpty();
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "I25.2")))
                .as("old MI")
                .isEmpty();
        assertThat(TABLE.categories(coded(CodeSystems.SNOMED_CT, "I61.9")))
                .as("ICD code sent as SNOMED")
                .isEmpty();
        assertThat(TABLE.categories(coded(CodeSystems.ICD_10_CM, "Z3A.20")))
                .as("unverified range")
                .isEmpty();
    }

    @Test
    void names_matchOnWholeWords() {
        assertThat(TABLE.categories(Condition.named("Hx of brain AVM, embolised 2015", ConditionStatus.RESOLVED)))
                .containsExactly(ConditionCategory.ARTERIOVENOUS_MALFORMATION);
        // The bipolar type of schizoaffective disorder has manic episodes: the mania caution applies as well.
        assertThat(TABLE.categories(Condition.named("Schizoaffective disorder, bipolar type", ConditionStatus.ACTIVE)))
                .containsExactlyInAnyOrder(ConditionCategory.PSYCHOSIS, ConditionCategory.BIPOLAR_DISORDER);
        assertThat(TABLE.categories(Condition.named("Avmeridian syndrome", ConditionStatus.ACTIVE)))
                .isEmpty();
    }

    @Test
    void malformedRow_isRejectedWithTheLine() {
        String table = "PSYCHOSIS\tread-codes\tX\tyes\tsrc\n";
        assertThatThrownBy(() ->
                        ConditionTable.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "c.tsv"))
                .isInstanceOf(RuleSetException.class)
                .hasMessage("c.tsv:1: system must be snomed, icd-10-cm, icd-10 or name, was 'read-codes'");
    }
}
