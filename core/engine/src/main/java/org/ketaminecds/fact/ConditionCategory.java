package org.ketaminecds.fact;

/**
 * Clinical categories the pre-session screen recognises in the problem list, allergies and patient status.
 * {@code historyCounts}: whether an inactive, resolved or in-remission entry still counts ("history of ...").
 *
 * @since 0.1.0
 */
public enum ConditionCategory {
    /** Aneurysmal vascular disease: aortic, intracranial and peripheral arterial aneurysms. */
    ANEURYSMAL_VASCULAR_DISEASE("aneurysmal vascular disease", true),
    ARTERIOVENOUS_MALFORMATION("arteriovenous malformation", true),
    /** History of intracerebral haemorrhage. */
    INTRACEREBRAL_HEMORRHAGE("intracerebral haemorrhage", true),
    /** Hypersensitivity (allergy) to ketamine or esketamine, or an allergy entry that does not say which kind. */
    KETAMINE_HYPERSENSITIVITY("hypersensitivity to ketamine or esketamine", true),
    /** An intolerance (a non-immune adverse reaction, FHIR AllergyIntolerance.type intolerance) to ketamine. */
    KETAMINE_INTOLERANCE("intolerance to ketamine or esketamine", true),
    /** Aortic or other arterial dissection, current or past. */
    ARTERIAL_DISSECTION("arterial dissection", true),
    /** Suicidal ideation on the problem list. */
    SUICIDAL_IDEATION("suicidal ideation", true),
    /** A past suicide attempt. */
    SUICIDE_ATTEMPT("suicide attempt", true),
    PREGNANCY("pregnancy", false),
    BREASTFEEDING("breastfeeding", false),
    /** Psychotic disorder or psychosis, current or past. */
    PSYCHOSIS("psychotic disorder", true),
    SUBSTANCE_USE_DISORDER("substance use disorder", true),
    HEPATIC_IMPAIRMENT("hepatic impairment", false),
    /**
     * Myocardial infarction, stroke or TIA: an acute cardiovascular event (recent: see the site policy window).
     */
    CARDIOVASCULAR_EVENT("myocardial infarction, stroke or TIA", false),
    /** Subarachnoid haemorrhage, current or past (usually from a ruptured aneurysm or AVM). */
    SUBARACHNOID_HEMORRHAGE("subarachnoid haemorrhage", true),
    /** Raised intracranial pressure, cerebral oedema or a space-occupying lesion. */
    RAISED_INTRACRANIAL_PRESSURE("raised intracranial pressure or a space-occupying lesion", false),
    HYPERTHYROIDISM("hyperthyroidism or thyrotoxicosis", false),
    /**
     * Uncontrolled hypertension, hypertensive crisis, urgency or emergency, hypertensive encephalopathy; a past entry
     * counts (a history of hypertensive encephalopathy asks for more frequent monitoring).
     */
    UNCONTROLLED_HYPERTENSION("uncontrolled hypertension or a hypertensive crisis", true),
    /** Hypertension without a sign that it is uncontrolled. */
    HYPERTENSION("hypertension", false),
    /** Bipolar disorder (risk of a switch to mania or hypomania). */
    BIPOLAR_DISORDER("bipolar disorder", true),
    INTERSTITIAL_CYSTITIS("interstitial or ulcerative cystitis", true),
    /** Major depressive disorder or treatment-resistant depression (for the duration of depression). */
    DEPRESSION("depression", true),
    /**
     * Names that contain a screening name but mean something else ("pulmonary hypertension" is not systemic
     * hypertension): listed so that the longer name wins, and never flagged.
     */
    NOT_SCREENED("not a screening category", false),
    /**
     * A marker, not a category: the entry is about a relative ("family history of aneurysm"), so none of its other
     * categories is flagged for the patient.
     */
    FAMILY_HISTORY("family history (a relative's condition)", false),
    /**
     * A marker, not a category: the entry says the disorder is in remission ("alcohol dependence, in remission",
     * ICD-10-CM F1x.11 and F1x.21), so a substance use disorder counts as past even on an active entry.
     */
    IN_REMISSION("in remission", false);

    /** Whether this is a screening category rather than a marker or an exclusion. */
    public boolean screened() {
        return this != NOT_SCREENED && this != FAMILY_HISTORY && this != IN_REMISSION;
    }

    private final String label;
    private final boolean historyCounts;

    ConditionCategory(String label, boolean historyCounts) {
        this.label = label;
        this.historyCounts = historyCounts;
    }

    /** Plain-words name for cards. */
    public String label() {
        return label;
    }

    /** Whether a past (inactive, resolved, in remission) entry still counts. */
    public boolean historyCounts() {
        return historyCounts;
    }
}
