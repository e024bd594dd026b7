package org.ketaminecds.knowledge;

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
    /** Hypersensitivity to ketamine or esketamine. */
    KETAMINE_HYPERSENSITIVITY("hypersensitivity to ketamine or esketamine", true),
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
    NOT_SCREENED("not a screening category", false);

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
