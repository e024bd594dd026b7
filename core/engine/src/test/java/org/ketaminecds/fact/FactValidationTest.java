package org.ketaminecds.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each clinically impossible or malformed fact is rejected with its own message naming field, value and range. */
class FactValidationTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-02T09:00:00Z");

    @Test
    void medicationsTextForm_isTheRecordsGeneratedForm() throws Exception {
        Coding rx = new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "7052", "morphine");
        for (Medication m : List.of(
                Medication.active("sertraline 100 mg"),
                new Medication(
                        rx,
                        "morphine 10 mg",
                        new Quantity(10, "mg"),
                        "every 4 hours",
                        MedicationStatus.ON_HOLD,
                        LocalDate.parse("2026-01-02"),
                        LocalDate.parse("2026-02-03"),
                        true,
                        List.of(new ProductIngredient(rx, "morphine"))))) {
            StringBuilder generated = new StringBuilder("Medication[");
            for (java.lang.reflect.RecordComponent c : Medication.class.getRecordComponents()) {
                generated
                        .append(generated.length() == "Medication[".length() ? "" : ", ")
                        .append(c.getName())
                        .append('=')
                        .append(c.getAccessor().invoke(m));
            }
            assertThat(m.toString()).isEqualTo(generated.append(']').toString());
        }
    }

    @Test
    void patient_withoutId_isRejected() {
        assertThatThrownBy(() -> new Patient(" ", null, null, null, null, null, null))
                .isInstanceOf(InvalidFactException.class)
                .hasMessage("id: must not be blank");
    }

    @Test
    void patient_weightOutOfRange_namesFieldValueAndRange() {
        assertThatThrownBy(() -> new Patient("p", null, null, null, 0.2, null, null))
                .hasMessage("weightKg: must be between 0.5 and 500 kg, was 0.2");
        assertThatThrownBy(() -> new Patient("p", null, 131, null, null, null, null))
                .hasMessage("ageYears: must be between 0 and 130 years, was 131");
    }

    @Test
    void patient_defaultsUnknownStatuses() {
        Patient p = Patient.of("p");
        assertThat(p.sex()).isEqualTo(Sex.UNKNOWN);
        assertThat(p.pregnancy()).isEqualTo(PregnancyStatus.UNKNOWN);
        assertThat(p.lactation()).isEqualTo(LactationStatus.UNKNOWN);
    }

    @Test
    void vitalSigns_negativeBloodPressure_isRejected() {
        assertThatThrownBy(() -> new VitalSigns(T, -120, 80, null, null, null))
                .hasMessage("systolic: must be between 40 and 300 mmHg, was -120");
    }

    @Test
    void vitalSigns_diastolicAboveSystolic_isRejected() {
        assertThatThrownBy(() -> new VitalSigns(T, 90, 120, null, null, null))
                .hasMessage("diastolic: must be below systolic (90 mmHg), was 120 mmHg");
    }

    @Test
    void vitalSigns_spo2Over100_isRejected() {
        assertThatThrownBy(() -> new VitalSigns(T, null, null, null, 101, null))
                .hasMessage("spo2: must be between 0 and 100 %, was 101");
    }

    @Test
    void vitalSigns_halfABloodPressure_isRejected() {
        assertThatThrownBy(() -> new VitalSigns(T, 120, null, null, null, null))
                .hasMessage("diastolic: is required when systolic is given (blood pressure needs both)");
    }

    @Test
    void vitalSigns_withNoValue_isRejected() {
        assertThatThrownBy(() -> new VitalSigns(T, (Double) null, null, null, null, null))
                .hasMessage(
                        "systolic, diastolic, heartRate, spo2, respiratoryRate: at least one of them is required, all were missing");
    }

    @Test
    void session_numberZero_isRejected() {
        assertThatThrownBy(() -> new Session(
                        0, Product.ESKETAMINE, Route.INTRANASAL, null, Phase.INDUCTION, null, null, null, null))
                .hasMessage("number: must be between 1 and 500, was 0");
    }

    @Test
    void session_withoutProduct_isRejected() {
        assertThatThrownBy(() -> new Session(1, null, Route.INTRANASAL, null, Phase.INDUCTION, null, null, null, null))
                .hasMessage("product: is required but was missing");
    }

    @Test
    void sessionDose_implausible_isRejected() {
        assertThatThrownBy(() -> new SessionDose(12, DoseUnit.MG_PER_KG))
                .hasMessage("value: must be greater than 0 and at most 10 mg/kg, was 12.0");
        assertThatThrownBy(() -> new SessionDose(0, DoseUnit.MG))
                .hasMessage("value: must be greater than 0 and at most 1000 mg, was 0.0");
    }

    @Test
    void context_doseTimeAfterAsOf_isRejected() {
        Session session = new Session(
                1, Product.ESKETAMINE, Route.INTRANASAL, null, Phase.INDUCTION, null, T.plusSeconds(60), null, null);
        assertThatThrownBy(() -> SessionContext.builder(AS_OF, Patient.of("p"))
                        .session(session)
                        .build())
                .isInstanceOf(InvalidFactException.class)
                .hasMessage("session.doseAt: must not be after asOf (2026-03-02T09:00:00Z), was 2026-03-02T09:01:00Z");
    }

    @Test
    void context_vitalsAfterAsOf_nameTheirIndex() {
        List<VitalSigns> vitals = List.of(
                new VitalSigns(T, 120, 80, null, null, null),
                new VitalSigns(T.plusSeconds(3600), 120, 80, null, null, null));
        assertThatThrownBy(() -> SessionContext.builder(AS_OF, Patient.of("p"))
                        .vitals(vitals)
                        .build())
                .hasMessage("vitals[1].at: must not be after asOf (2026-03-02T09:00:00Z), was 2026-03-02T10:00:00Z");
    }

    @Test
    void context_birthDateAfterAsOf_isRejected() {
        Patient unborn = new Patient("p", LocalDate.parse("2026-05-01"), null, null, null, null, null);
        assertThatThrownBy(() -> SessionContext.builder(AS_OF, unborn).build())
                .hasMessage("patient.birthDate: must not be after asOf (2026-03-02), was 2026-05-01");
    }

    @Test
    void context_ageDisagreeingWithBirthDate_isRejected() {
        Patient p = new Patient("p", LocalDate.parse("1980-06-01"), 50, null, null, null, null);
        assertThatThrownBy(() -> SessionContext.builder(AS_OF, p).build())
                .hasMessage("patient.ageYears: disagrees with birthDate (45 years at asOf), was 50");
    }

    @Test
    void context_withoutAsOf_isRejected() {
        assertThatThrownBy(() -> SessionContext.builder(null, Patient.of("p")).build())
                .hasMessage("asOf: is required but was missing");
    }

    @Test
    void context_nullListElement_namesTheIndex() {
        List<Condition> conditions = Arrays.asList(Condition.named("hypertension", ConditionStatus.ACTIVE), null);
        assertThatThrownBy(() -> SessionContext.builder(AS_OF, Patient.of("p"))
                        .conditions(conditions)
                        .build())
                .hasMessage("conditions[1]: must not be null");
    }

    @Test
    void medication_endBeforeStart_isRejected() {
        assertThatThrownBy(() -> new Medication(
                        null,
                        "x",
                        null,
                        null,
                        MedicationStatus.ACTIVE,
                        LocalDate.parse("2026-02-01"),
                        LocalDate.parse("2026-01-01"),
                        null))
                .hasMessage("end: must not be before start (2026-02-01), was 2026-01-01");
    }

    @Test
    void medication_withoutCodeTextOrIngredients_isRejected() {
        assertThatThrownBy(() -> new Medication(null, null, null, null, MedicationStatus.ACTIVE, null, null, null))
                .hasMessage("code, text, ingredients: at least one of them is required, all were missing");
        assertThatThrownBy(() -> new ProductIngredient(null, null))
                .hasMessage("code, name: at least one of them is required, all were missing");
        Medication troche = new Medication(
                null,
                null,
                null,
                null,
                MedicationStatus.ACTIVE,
                null,
                null,
                null,
                List.of(
                        new ProductIngredient(null, "ketamine hydrochloride"),
                        new ProductIngredient(new Coding(CodeSystems.RXNORM, "161", "acetaminophen"), null)));
        assertThat(troche.label()).isEqualTo("ketamine hydrochloride / acetaminophen");
    }

    @Test
    void medication_isCurrentUntilItsEndDateInclusive() {
        Medication m = new Medication(
                null, "x", null, null, MedicationStatus.ACTIVE, null, LocalDate.parse("2026-03-02"), null);
        assertThat(m.isCurrentOn(LocalDate.parse("2026-03-02"))).isTrue();
        assertThat(m.isCurrentOn(LocalDate.parse("2026-03-03"))).isFalse();
        assertThat(new Medication(null, "x", null, null, MedicationStatus.STOPPED, null, null, null)
                        .isCurrentOn(LocalDate.parse("2026-03-02")))
                .isFalse();
        assertThat(new Medication(null, "x", null, null, MedicationStatus.ON_HOLD, null, null, null)
                        .isCurrentOn(LocalDate.parse("2026-03-02")))
                .isTrue();
    }

    @Test
    void assessment_itemCountMustMatchInstrument() {
        assertThatThrownBy(() -> new Assessment(Instrument.PHQ_9, T, null, List.of(1, 2, 3), null, null))
                .hasMessage("items: PHQ-9 has 9 items, 3 were given");
    }

    @Test
    void assessment_itemOutOfRange_namesItsIndex() {
        assertThatThrownBy(
                        () -> new Assessment(Instrument.PHQ_9, T, null, List.of(0, 0, 0, 0, 4, 0, 0, 0, 0), null, null))
                .hasMessage("items[4]: must be between 0 and 3, was 4");
    }

    @Test
    void assessment_totalMustEqualItemSum() {
        assertThatThrownBy(
                        () -> new Assessment(Instrument.PHQ_9, T, 10, List.of(1, 1, 1, 1, 1, 1, 1, 1, 1), null, null))
                .hasMessage("total: must equal the sum of the items (9) for PHQ-9, was 10");
    }

    @Test
    void assessment_totalIsDerivedFromItems() {
        Assessment a = new Assessment(Instrument.PHQ_9, T, null, List.of(1, 1, 1, 1, 1, 1, 1, 1, 2), null, null);
        assertThat(a.total()).isEqualTo(10);
        assertThat(a.phq9Item9()).isEqualTo(2);
    }

    @Test
    void assessment_totalOutOfRange_isRejected() {
        assertThatThrownBy(() -> Assessment.scored(Instrument.MADRS, T, 61))
                .hasMessage("total: must be between 0 and 60, was 61");
    }

    @Test
    void assessment_cssrsNeedsRiskLevelOnly() {
        assertThatThrownBy(() -> new Assessment(Instrument.C_SSRS, T, null, null, null, null))
                .hasMessage("riskLevel: is required but was missing");
        assertThatThrownBy(() -> new Assessment(Instrument.C_SSRS, T, 3, null, SuicideRisk.LOW, null))
                .hasMessage("total: C-SSRS is recorded as riskLevel only; omit total and items");
        assertThatThrownBy(() -> new Assessment(Instrument.GAD_7, T, 3, null, SuicideRisk.LOW, null))
                .hasMessage("riskLevel: applies to C-SSRS only, not GAD-7");
    }

    @Test
    void qids_needsATotalBecauseItIsNotAnItemSum() {
        assertThatThrownBy(() ->
                        new Assessment(Instrument.QIDS_SR16, T, null, java.util.Collections.nCopies(16, 1), null, null))
                .hasMessage("total: is required for QIDS-SR16 (its total is not a plain item sum)");
    }

    @Test
    void phq9Item9_aloneCountsAndMustAgreeWithItems() {
        Assessment alone = new Assessment(Instrument.PHQ_9, T, 14, null, null, 1);
        assertThat(alone.phq9Item9()).isEqualTo(1);
        // Item 9 alone is a suicide screen without a score (FHIR systems send it on its own).
        Assessment screenOnly = new Assessment(Instrument.PHQ_9, T, null, null, null, 2);
        assertThat(screenOnly.total()).isNull();
        assertThat(screenOnly.phq9Item9()).isEqualTo(2);
        assertThatThrownBy(() -> new Assessment(Instrument.PHQ_9, T, null, null, null, null))
                .hasMessage("total: is required for PHQ-9 when items are not given");
        assertThatThrownBy(() -> new Assessment(Instrument.MADRS, T, null, null, null, null))
                .hasMessage("total: is required for MADRS when items are not given");
        assertThatThrownBy(() -> new Assessment(Instrument.PHQ_9, T, null, List.of(1, 1, 1, 1, 1, 1, 1, 1, 2), null, 0))
                .hasMessage("item9: disagrees with items[8] (2), was 0");
        assertThatThrownBy(() -> new Assessment(Instrument.MADRS, T, 20, null, null, 1))
                .hasMessage("item9: applies to PHQ-9 only, not MADRS");
    }

    @Test
    void scores_outOfRange_areRejected() {
        assertThatThrownBy(() -> new SedationScore(T, 6)).hasMessage("moaas: must be between 0 and 5, was 6");
        assertThatThrownBy(() -> new DissociationScore(T, 93)).hasMessage("cadss: must be between 0 and 92, was 93");
    }

    @Test
    void challengingExperience_resolvedBeforeItStarted_isRejected() {
        assertThatThrownBy(
                        () -> new ChallengingExperience(ExperienceType.ANXIETY, Intensity.MILD, T, T.minusSeconds(60)))
                .hasMessage("resolvedAt: must not be before at (2026-03-02T09:00:00Z), was 2026-03-02T08:59:00Z");
    }

    @Test
    void coding_needsSystemAndCode() {
        assertThatThrownBy(() -> new Coding(CodeSystems.RXNORM, "", null)).hasMessage("code: must not be blank");
        assertThat(new Coding(CodeSystems.RXNORM, " 596 ", null).code()).isEqualTo("596");
    }
}
