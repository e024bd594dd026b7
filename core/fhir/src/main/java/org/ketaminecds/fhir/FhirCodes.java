package org.ketaminecds.fhir;

import java.util.List;
import java.util.Map;
import org.ketaminecds.fact.TherapyType;

/**
 * Codes and URLs the FHIR reader recognises besides the observation codes (those are in the code table
 * {@code org/ketaminecds/fhir/observation-codes.tsv}): the local code systems and the phase extension of Ketamine CDS,
 * the US Core sex extensions and answers, pregnancy-status answers, PHQ answer codes and therapy procedures.
 *
 * @since 0.1.0
 */
public final class FhirCodes {
    /** Local code system for observations without a standard code. */
    public static final String LOCAL_OBSERVATION = "urn:ketaminecds:observation";
    /** Local code system for therapy and support procedures. */
    public static final String LOCAL_THERAPY = "urn:ketaminecds:therapy";
    /** Extension on a MedicationRequest or MedicationAdministration giving the phase (induction, maintenance, booster). */
    public static final String PHASE_EXTENSION = "urn:ketaminecds:extension:phase";

    /** SNOMED CT "pregnant", of the pregnancy status value set (evidence E-CODE-PREGNANCY-STATUS). */
    public static final String SCT_PREGNANT = "77386006";
    /** SNOMED CT "not pregnant", from the same value set. */
    public static final String SCT_NOT_PREGNANT = "60001007";

    /** US Core individual-sex extension (SNOMED CT female 248152002, male 248153007). */
    public static final String US_CORE_INDIVIDUAL_SEX =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex";
    /** The older US Core birth-sex extension (F, M). */
    public static final String US_CORE_BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    /** SNOMED CT female. */
    public static final String SCT_FEMALE = "248152002";
    /** SNOMED CT male. */
    public static final String SCT_MALE = "248153007";

    /** PHQ answer codes, scored 0 to 3 in this order (LA6568-5 not at all ... LA6571-9 nearly every day). */
    public static final List<String> PHQ9_ANSWERS = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");

    /** Local code of the component giving a challenging experience's intensity. */
    public static final String INTENSITY = "intensity";
    /** Local appointment type of an integration or therapy follow-up. */
    public static final String FOLLOW_UP = "follow-up";

    /**
     * SNOMED CT therapy procedures read as therapy (evidence E-CODE-THERAPY): psychotherapy 75516001 and cognitive
     * behavioural therapy 304891004 as psychotherapy, counselling 409063005.
     */
    public static final Map<String, TherapyType> SCT_THERAPY = Map.of(
            "75516001", TherapyType.PSYCHOTHERAPY,
            "304891004", TherapyType.PSYCHOTHERAPY,
            "409063005", TherapyType.COUNSELLING);

    /** SNOMED CT "Medication reconciliation (procedure)", as Synthea and EHRs record it: the list was reconciled. */
    public static final String SCT_MEDICATION_RECONCILIATION = "430193006";

    private FhirCodes() {}

    /**
     * The therapy type of a SNOMED CT procedure code, or null.
     *
     * @param snomed a SNOMED CT code, or null
     * @return the therapy type, or null
     */
    public static TherapyType therapyType(String snomed) {
        return snomed == null ? null : SCT_THERAPY.get(snomed);
    }
}
