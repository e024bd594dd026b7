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
     * Decompensated liver disease: variceal bleeding, hepatic encephalopathy, hepatorenal syndrome, or an entry that says
     * the liver disease is decompensated. It is hepatic impairment too (an entry in this category is flagged as both).
     */
    HEPATIC_DECOMPENSATION("decompensated liver disease", false),
    /** Ascites: a sign of decompensation when hepatic impairment is on the list (alone it may have another cause). */
    ASCITES("ascites", false),
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
    IN_REMISSION("in remission", false),
    /** A marker, not a category: the entry states Child-Pugh class A (its hepatic impairment is mild). */
    CHILD_PUGH_A("Child-Pugh class A", false),
    /** A marker, not a category: the entry states Child-Pugh class B (its hepatic impairment is moderate). */
    CHILD_PUGH_B("Child-Pugh class B", false),
    /** A marker, not a category: the entry states Child-Pugh class C (its hepatic impairment is severe). */
    CHILD_PUGH_C("Child-Pugh class C", false);

    /** Whether this is a screening category rather than a marker or an exclusion. */
    public boolean screened() {
        return this != NOT_SCREENED
                && this != FAMILY_HISTORY
                && this != IN_REMISSION
                && this != CHILD_PUGH_A
                && this != CHILD_PUGH_B
                && this != CHILD_PUGH_C;
    }

    /**
     * The categories an entry in these categories belongs to as well (decompensated liver disease is hepatic
     * impairment).
     *
     * @param categories the categories found for an entry
     * @return them, with the categories they imply
     */
    public static java.util.Set<ConditionCategory> withImplied(java.util.Set<ConditionCategory> categories) {
        if (!categories.contains(HEPATIC_DECOMPENSATION) || categories.contains(HEPATIC_IMPAIRMENT)) {
            return categories;
        }
        java.util.Set<ConditionCategory> all = java.util.EnumSet.copyOf(categories);
        all.add(HEPATIC_IMPAIRMENT);
        return all;
    }

    /**
     * The severity an entry states in words (a Child-Pugh class), or null.
     *
     * @param categories the categories and markers an entry was found to carry
     * @return the stated severity, the highest if several, or null
     */
    public static ConditionSeverity statedSeverity(java.util.Set<ConditionCategory> categories) {
        return categories.contains(CHILD_PUGH_C)
                ? ConditionSeverity.SEVERE
                : categories.contains(CHILD_PUGH_B)
                        ? ConditionSeverity.MODERATE
                        : categories.contains(CHILD_PUGH_A) ? ConditionSeverity.MILD : null;
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
