package org.ketaminecds.fhir;

/**
 * Codes the FHIR reader recognises. LOINC codes are those of the evidence table's rows E-SCALE-PHQ9, E-SCALE-CSSRS,
 * E-CODE-VITALS and E-CODE-FHIR-STATUS; SNOMED CT therapy codes E-CODE-THERAPY. MADRS, QIDS-SR16,
 * CADSS and MOAA/S have no LOINC code, so they, and the session-day facts FHIR has no element for, use the local
 * code system {@value #LOCAL_OBSERVATION}.
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

    /** LOINC blood pressure panel. */
    public static final String BP_PANEL = "85354-9";
    /** LOINC systolic blood pressure. */
    public static final String SYSTOLIC = "8480-6";
    /** LOINC diastolic blood pressure. */
    public static final String DIASTOLIC = "8462-4";
    /** LOINC heart rate. */
    public static final String HEART_RATE = "8867-4";
    /** LOINC oxygen saturation by pulse oximetry. */
    public static final String SPO2 = "59408-5";
    /** LOINC oxygen saturation (the code US Core pairs with the pulse-oximetry one). */
    public static final String SPO2_PARENT = "2708-6";
    /** LOINC respiratory rate. */
    public static final String RESPIRATORY_RATE = "9279-1";
    /** LOINC body weight. */
    public static final String BODY_WEIGHT = "29463-7";
    /** LOINC PHQ-9 panel. */
    public static final String PHQ9_PANEL = "44249-1";
    /** LOINC PHQ-9 total score. */
    public static final String PHQ9_TOTAL = "44261-6";
    /** LOINC PHQ-9 item 9 (thoughts of death or self-harm). */
    public static final String PHQ9_ITEM9 = "44260-8";
    /** LOINC GAD-7 total score. */
    public static final String GAD7_TOTAL = "70274-6";
    /** LOINC C-SSRS panel (evidence E-SCALE-CSSRS). */
    public static final String CSSRS_PANEL = "93373-9";
    /** LOINC C-SSRS risk level (evidence E-SCALE-CSSRS). */
    public static final String CSSRS_RISK = "93374-7";
    /** PHQ-9 "how difficult" question: part of the form, not of the score. */
    public static final String PHQ9_DIFFICULTY = "69722-7";
    /** US Core pregnancy status observation. */
    public static final String PREGNANCY_STATUS = "82810-3";
    /** SNOMED CT answers of the US Core pregnancy status value set. */
    public static final String SCT_PREGNANT = "77386006";

    /** SNOMED CT "not pregnant", from the same value set. */
    public static final String SCT_NOT_PREGNANT = "60001007";
    /** US Core individual-sex extension (SNOMED CT female 248152002, male 248153007) and the older birth-sex one. */
    public static final String US_CORE_INDIVIDUAL_SEX =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex";

    /** The older US Core birth-sex extension. */
    public static final String US_CORE_BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    /** SNOMED CT female. */
    public static final String SCT_FEMALE = "248152002";
    /** SNOMED CT male. */
    public static final String SCT_MALE = "248153007";

    /** PHQ-9 item codes in questionnaire order (US Core PHQ-9 Questionnaire; evidence E-SCALE-PHQ9). */
    public static final String[] PHQ9_ITEMS = {
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"
    };
    /** PHQ-9 answer codes, scored 0 to 3 (LA6568-5 not at all ... LA6571-9 nearly every day). */
    public static final String[] PHQ9_ANSWERS = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};

    /** Local code: MADRS total score. */
    public static final String MADRS_TOTAL = "madrs-total";

    /** Local code: QIDS-SR16 total score. */
    public static final String QIDS_TOTAL = "qids-sr16-total";
    /** Local code: CADSS total score. */
    public static final String CADSS_TOTAL = "cadss-total";
    /** Local code: MOAA/S sedation score. */
    public static final String MOAAS = "moaas";
    /** Local code: time of the last food. */
    public static final String LAST_FOOD = "last-food";
    /** Local code: time of the last liquids. */
    public static final String LAST_FLUIDS = "last-fluids";
    /** Local code: time of the last other nasal product. */
    public static final String NASAL_PRODUCT = "nasal-product";
    /** Local code: a ride home arranged. */
    public static final String TRANSPORT = "transport-arranged";
    /** Local code: a responsible adult to go home with. */
    public static final String RESPONSIBLE_ADULT = "responsible-adult";
    /** Local code: the prescriber on site. */
    public static final String PRESCRIBER_ON_SITE = "prescriber-on-site";
    /** Local code: a pulse oximeter on site. */
    public static final String OXIMETER_ON_SITE = "pulse-oximeter-on-site";
    /** Local code: discharge requested. */
    public static final String DISCHARGE_REQUESTED = "discharge-requested";
    /** Local code: medications reconciled. */
    public static final String MEDICATION_RECONCILIATION = "medication-reconciliation";
    /** Local code: a challenging experience. */
    public static final String CHALLENGING_EXPERIENCE = "challenging-experience";
    /** Local code: the intensity of a challenging experience. */
    public static final String INTENSITY = "intensity";
    /** Local code: an integration or therapy follow-up. */
    public static final String FOLLOW_UP = "follow-up";

    /**
     * SNOMED CT therapy procedures read as therapy (evidence E-CODE-THERAPY): psychotherapy 75516001 and cognitive
     * behavioural therapy 304891004 as psychotherapy, counselling 409063005.
     */
    public static final java.util.Map<String, org.ketaminecds.fact.TherapyType> SCT_THERAPY = java.util.Map.of(
            "75516001", org.ketaminecds.fact.TherapyType.PSYCHOTHERAPY,
            "304891004", org.ketaminecds.fact.TherapyType.PSYCHOTHERAPY,
            "409063005", org.ketaminecds.fact.TherapyType.COUNSELLING);

    /** SNOMED CT "Medication reconciliation (procedure)", as Synthea and EHRs record it: the list was reconciled. */
    public static final String SCT_MEDICATION_RECONCILIATION = "430193006";

    private FhirCodes() {}

    /** The index (0-8) of a PHQ-9 item LOINC code, or -1. */
    public static int phq9Item(String loinc) {
        for (int i = 0; i < PHQ9_ITEMS.length; i++) {
            if (PHQ9_ITEMS[i].equals(loinc)) {
                return i;
            }
        }
        return -1;
    }

    /** The therapy type of a SNOMED CT procedure code, or null. */
    public static org.ketaminecds.fact.TherapyType therapyType(String snomed) {
        return snomed == null ? null : SCT_THERAPY.get(snomed);
    }
}
