package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.knowledge.Ingredient;
import org.ketaminecds.knowledge.IngredientExposure;

/** The bundled drug-class table recognises drugs the way clinicians type them, and only those. */
class DrugTableTest {
    private static final DrugTable TABLE = DrugTable.bundled();
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

    private static List<String> names(String text) {
        return TABLE.recognise(Medication.active(text)).stream()
                .map(Ingredient::name)
                .toList();
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "Xanax 0.5mg tab;alprazolam",
                "XANAX;alprazolam",
                "alprazolam 0.25 mg;alprazolam",
                "Ativan 1mg;lorazepam",
                "Klonopin 0.5;clonazepam",
                "OxyContin 10mg ER;oxycodone",
                "Ambien CR 12.5;zolpidem",
                "Neurontin 300 mg cap;gabapentin",
                "Sudafed PE;phenylephrine",
                "Sudafed 12 Hour;pseudoephedrine",
                "St. John's Wort 300mg;st john's wort",
                "St John\u2019s wort;st john's wort",
                "Hypericum perforatum extract;st john's wort",
                "Evekeo 10 mg;amphetamine",
                "Theo-24;theophylline",
                "Spravato 84 mg;esketamine",
                "S-ketamine;esketamine",
                "ketamine 50mg/mL inj;ketamine",
                "Lamictal XR;lamotrigine",
                "Vivitrol;naltrexone"
            })
    void recognisesBrandGenericAndFreeText(String text, String ingredient) {
        assertThat(names(text)).containsExactly(ingredient);
    }

    @Test
    void combinationProduct_yieldsEveryIngredient() {
        assertThat(names("dextromethorphan / pseudoephedrine syrup"))
                .containsExactly("dextromethorphan", "pseudoephedrine");
        assertThat(names("Percocet 5/325")).containsExactly("oxycodone", "acetaminophen");
        assertThat(names("Suboxone 8-2 film")).containsExactly("buprenorphine", "naloxone");
        assertThat(names("Adderall XR 20 mg")).containsExactly("amphetamine");
        assertThat(names("NyQuil Cold & Flu 30 mL qhs"))
                .containsExactly("acetaminophen", "dextromethorphan", "doxylamine");
    }

    @Test
    void brandOfACombination_isNotTheBrandAlone() {
        assertThat(names("Claritin-D 12 hour")).containsExactly("loratadine", "pseudoephedrine");
        assertThat(names("Claritin 10 mg")).containsExactly("loratadine");
        assertThat(names("Mucinex DM")).containsExactly("guaifenesin", "dextromethorphan");
        assertThat(names("Mucinex 600 mg")).containsExactly("guaifenesin");
        assertThat(names("Tylenol PM")).containsExactly("acetaminophen", "diphenhydramine");
    }

    @Test
    void everySynonymAndProductName_recognisesItsIngredients() {
        for (Ingredient i : TABLE.ingredients()) {
            assertThat(names(i.name())).as("name %s", i.name()).contains(i.name());
            for (String synonym : i.synonyms()) {
                assertThat(names(synonym))
                        .as("synonym '%s' of %s", synonym, i.name())
                        .contains(i.name());
            }
        }
        assertThat(TABLE.products()).hasSizeGreaterThan(30);
        for (DrugTable.Product p : TABLE.products()) {
            assertThat(names(p.name()))
                    .as("product %s", p.name())
                    .containsExactlyInAnyOrderElementsOf(
                            p.ingredients().stream().map(Ingredient::name).toList());
        }
    }

    @Test
    void inferredClasses_areMarked_andItraconazoleDoesNotInhibit() {
        Ingredient clopidogrel = TABLE.recogniseText("clopidogrel").get(0);
        assertThat(clopidogrel.inferred(DrugClass.CYP_INHIBITOR)).isTrue();
        assertThat(TABLE.recogniseText("clarithromycin").get(0).inferred(DrugClass.CYP_INHIBITOR))
                .isFalse();
        assertThat(TABLE.recogniseText("itraconazole").get(0).classes()).containsExactly(DrugClass.NO_ACTION);
        Ingredient phenobarbital = TABLE.recogniseText("phenobarbital").get(0);
        assertThat(phenobarbital.classes()).contains(DrugClass.OTHER_CNS_DEPRESSANT, DrugClass.CYP3A4_INDUCER);
        assertThat(phenobarbital.inferredClasses()).containsExactly(DrugClass.CYP3A4_INDUCER);
    }

    @Test
    void nasalProducts_areTheNasalFormsOnly() {
        MedicationList list = MedicationList.of(
                null,
                Medication.active("Flonase 50 mcg 2 sprays each nostril daily"),
                Medication.active("fluticasone propionate 50 mcg/act nasal spray"),
                Medication.active("Flovent HFA 110 mcg 2 puffs BID"),
                Medication.active("Afrin 0.05% nasal spray"),
                Medication.active("Sudafed PE 10 mg tablet"),
                Medication.active("Spravato 56 mg nasal spray"));
        assertThat(TABLE.review(list, TODAY).nasalProducts())
                .extracting(Medication::label)
                .containsExactlyInAnyOrder(
                        "Flonase 50 mcg 2 sprays each nostril daily",
                        "fluticasone propionate 50 mcg/act nasal spray",
                        "Afrin 0.05% nasal spray");
    }

    @Test
    void partsOfWords_doNotMatch() {
        assertThat(names("Ketamine-free")).containsExactly("ketamine");
        assertThat(names("esketamine")).containsExactly("esketamine");
        assertThat(names("tramadolx")).isEmpty();
        assertThat(names("benzyl alcohol wipes")).containsExactly("alcohol antiseptic");
        assertThat(names("Alcohol prep pads")).containsExactly("alcohol antiseptic");
        assertThat(names("ETOH 2 drinks/day")).containsExactly("ethanol");
        assertThat(names("Vitamin D3")).containsExactly("vitamin d");
        assertThat(names("pulmicort")).doesNotContain("nasal corticosteroid");
    }

    @Test
    void verifiedCode_recognisesWithoutText_unverifiedCodeDoesNot() {
        Medication verified = new Medication(
                Coding.of(CodeSystems.RXNORM, "6470"), null, null, null, MedicationStatus.ACTIVE, null, null, null);
        Medication unverified = new Medication(
                Coding.of(CodeSystems.RXNORM, "39993"), null, null, null, MedicationStatus.ACTIVE, null, null, null);
        Medication otherSystem = new Medication(
                Coding.of(CodeSystems.SNOMED_CT, "6470"), null, null, null, MedicationStatus.ACTIVE, null, null, null);
        assertThat(TABLE.recognise(verified)).extracting(Ingredient::name).containsExactly("lorazepam");
        assertThat(TABLE.recognise(unverified)).isEmpty();
        assertThat(TABLE.recognise(otherSystem)).isEmpty();
    }

    @Test
    void unverifiedCodeWithADisplay_isRecognisedByTheName() {
        Medication m = new Medication(
                new Coding(CodeSystems.RXNORM, "39993", "zolpidem"),
                null,
                null,
                null,
                MedicationStatus.ACTIVE,
                null,
                null,
                null);
        assertThat(TABLE.recognise(m)).extracting(Ingredient::name).containsExactly("zolpidem");
    }

    @Test
    void exposures_groupEntriesByIngredient_andSkipEntriesNotCurrent() {
        MedicationList list = MedicationList.of(
                null,
                Medication.active("Xanax 0.5mg"),
                Medication.active("alprazolam 0.25 mg"),
                new Medication(null, "oxycodone", null, null, MedicationStatus.STOPPED, null, null, null),
                new Medication(null, "tramadol", null, null, MedicationStatus.ACTIVE, null, TODAY.minusDays(1), null),
                Medication.active("Zyxorin"));
        List<IngredientExposure> exposures = TABLE.exposures(list, TODAY);
        assertThat(exposures).hasSize(1);
        assertThat(exposures.get(0).name()).isEqualTo("alprazolam");
        assertThat(exposures.get(0).drugClasses()).containsExactly(DrugClass.BENZODIAZEPINE);
        assertThat(exposures.get(0).entries()).hasSize(2);
        assertThat(exposures.get(0).facts())
                .containsExactly("alprazolam: \"Xanax 0.5mg\" (active)", "alprazolam: \"alprazolam 0.25 mg\" (active)");
        assertThat(TABLE.unrecognised(list, TODAY)).extracting(u -> u.entry()).containsExactly("Zyxorin");
    }

    @Test
    void everyRow_hasAClassAKindAndASource_andVerifiedRowsHaveCodes() {
        assertThat(TABLE.ingredients()).hasSizeGreaterThan(180);
        for (Ingredient i : TABLE.ingredients()) {
            assertThat(i.classes()).as(i.name()).isNotEmpty();
            assertThat(i.kind()).as(i.name()).isNotBlank();
            assertThat(i.source()).as(i.name()).containsPattern("E-[A-Z]+-[A-Z0-9-]+");
            if (i.rxnormVerified()) {
                assertThat(i.rxnormCodes()).as(i.name()).isNotEmpty().allMatch(c -> c.matches("\\d+"));
            }
        }
    }

    @Test
    void interactionClassesOfTheIssue_areAllPresent() {
        for (DrugClass c : DrugClass.values()) {
            assertThat(TABLE.ingredients())
                    .as("an ingredient of class %s", c)
                    .anyMatch(i -> i.classes().contains(c));
        }
    }

    @Test
    void malformedTable_isRejectedWithTheLine() {
        String table = "# header\nalprazolam\tBENZODIAZEPINE\tbenzodiazepine\t596\tyes\txanax\n";
        assertThatThrownBy(() ->
                        DrugTable.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "t.tsv"))
                .isInstanceOf(RuleSetException.class)
                .hasMessage("t.tsv:2: expected 7 tab-separated columns, found 6");
    }

    @Test
    void unknownClass_isRejectedWithTheLine() {
        String table = "alprazolam\tSEDATIVE\tbenzodiazepine\t596\tyes\txanax\tsrc\n";
        assertThatThrownBy(() ->
                        DrugTable.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "t.tsv"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith("t.tsv:1: No enum constant");
    }

    @Test
    void synonymListedForTwoIngredients_isRejected() {
        String table =
                "alprazolam\tBENZODIAZEPINE\tb\t596\tyes\tcalm\tsrc\nlorazepam\tBENZODIAZEPINE\tb\t6470\tyes\tcalm\tsrc\n";
        assertThatThrownBy(() ->
                        DrugTable.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "t.tsv"))
                .isInstanceOf(RuleSetException.class)
                .hasMessage("drug-class table: 'calm' is listed for both alprazolam and lorazepam");
    }
}
