package org.ketaminecds.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The numeric site settings, one row each: the topic it belongs to, its name in {@link SitePolicy} and in policy
 * files, the default that ships, the range a site may set, its unit, the rows of the evidence table it rests on, and
 * the basis of the default in words. This table is the one place these are written: {@link SitePolicy} validates and
 * builds its defaults from it, {@link SitePolicy#changesFrom} lists differences by it, and the settings table of
 * {@code core/README.md} is generated from it ({@code DocumentedSettingsTest} checks the README against it).
 *
 * <p>The rows are in the order of {@link SitePolicy}'s components. Numbers a label gives are not settings (they are
 * in the rules' {@code LabelThresholds}); a default that no source gives says <b>local policy default</b>.
 *
 * @since 0.2.0
 */
public enum PolicySetting {
    MEDICATION_REVIEW_MAX_AGE_DAYS(
            Topic.MEDICATION_REVIEW,
            "medicationReviewMaxAgeDays",
            30,
            1,
            365,
            "days",
            "E-POL-MEDICATION-REVIEW",
            "**local policy default, not from a guideline**: calendar days a medication reconciliation stays current; "
                    + "the reference asks for medication changes since the last visit and a review of all medicines, "
                    + "with no maximum age",
            SitePolicy::medicationReviewMaxAgeDays),
    PRE_DOSE_BP_WINDOW_MINUTES(
            Topic.BLOOD_PRESSURE,
            "preDoseBpWindowMinutes",
            60,
            5,
            480,
            "minutes",
            "E-POL-WINDOWS",
            "**local policy default**: how long before the dose a reading counts as pre-dose",
            SitePolicy::preDoseBpWindowMinutes),
    PRE_DOSE_HOLD_SYSTOLIC(
            Topic.BLOOD_PRESSURE,
            "preDoseHoldSystolic",
            170,
            141,
            250,
            "mmHg",
            "E-POL-BP-HOLD",
            "**local policy default, not from a guideline**: pre-dose systolic at or above which the dose should be "
                    + "held (critical); the example research exclusion of NCT03658330 (SBP above 170 or DBP above 100)",
            SitePolicy::preDoseHoldSystolic),
    PRE_DOSE_HOLD_DIASTOLIC(
            Topic.BLOOD_PRESSURE,
            "preDoseHoldDiastolic",
            100,
            91,
            150,
            "mmHg",
            "E-POL-BP-HOLD",
            "**local policy default, not from a guideline**: pre-dose diastolic at or above which the dose should be "
                    + "held (critical); the same research exclusion",
            SitePolicy::preDoseHoldDiastolic),
    SEVERE_SYSTOLIC(
            Topic.BLOOD_PRESSURE,
            "severeSystolic",
            180,
            150,
            260,
            "mmHg",
            "E-POL-BP-SEVERE, E-KET-HTN-PRACTICE",
            "**local policy default, not from a guideline**: systolic at or above which a reading after the dose is "
                    + "severe hypertension (critical); no ketamine guideline number, Yip 2022 argues for "
                    + "hypertensive-urgency practice",
            SitePolicy::severeSystolic),
    SEVERE_DIASTOLIC(
            Topic.BLOOD_PRESSURE,
            "severeDiastolic",
            110,
            95,
            160,
            "mmHg",
            "E-POL-BP-SEVERE, E-KET-HTN-PRACTICE",
            "**local policy default, not from a guideline**: diastolic at or above which a reading after the dose is "
                    + "severe hypertension (critical)",
            SitePolicy::severeDiastolic),
    BP_RECHECK_TOLERANCE_MINUTES(
            Topic.BLOOD_PRESSURE,
            "bpRecheckToleranceMinutes",
            10,
            0,
            30,
            "minutes",
            "E-POL-WINDOWS",
            "**local policy default**: how much earlier than 40 minutes after the dose a reading still counts as the "
                    + "label's ~40-minute re-check",
            SitePolicy::bpRecheckToleranceMinutes),
    SPO2_MINIMUM(
            Topic.MONITORING,
            "spo2Minimum",
            92,
            80,
            98,
            "%",
            "E-POL-SPO2",
            "**local policy default, not from a guideline**: oxygen saturation below which a reading is critical "
                    + "(no guideline threshold was found)",
            SitePolicy::spo2Minimum),
    RESPIRATORY_RATE_MINIMUM(
            Topic.MONITORING,
            "respiratoryRateMinimum",
            8,
            4,
            14,
            "/min",
            "E-POL-RESPIRATORY-RATE",
            "**local policy default, not from a guideline**: breaths per minute below which a reading is critical",
            SitePolicy::respiratoryRateMinimum),
    SEDATION_WARNING_MOAAS(
            Topic.MONITORING,
            "sedationWarningMoaas",
            2,
            1,
            4,
            "MOAA/S",
            "E-POL-SEDATION",
            "**local policy default**: MOAA/S at or below which sedation is deeper than the site allows (warning); "
                    + "2 responds only to prodding",
            SitePolicy::sedationWarningMoaas),
    EXPERIENCE_PERSIST_MINUTES(
            Topic.MONITORING,
            "experiencePersistMinutes",
            60,
            10,
            480,
            "minutes",
            "E-POL-EXPERIENCE-PERSIST",
            "**local policy default**: an unresolved challenging experience past this is \"persisting\"",
            SitePolicy::experiencePersistMinutes),
    RACEMIC_FOOD_FAST_MINUTES(
            Topic.PREPARATION,
            "racemicFoodFastMinutes",
            120,
            0,
            720,
            "minutes",
            "E-POL-RACEMIC-FASTING",
            "**local policy default**, borrowed from the esketamine label: the fast from food before racemic "
                    + "ketamine; the Ketalar label says only \"empty stomach\"",
            SitePolicy::racemicFoodFastMinutes),
    RACEMIC_FLUID_FAST_MINUTES(
            Topic.PREPARATION,
            "racemicFluidFastMinutes",
            30,
            0,
            480,
            "minutes",
            "E-POL-RACEMIC-FASTING",
            "**local policy default**, borrowed from the esketamine label: the fast from liquids before racemic "
                    + "ketamine",
            SitePolicy::racemicFluidFastMinutes),
    RECENT_CARDIOVASCULAR_EVENT_DAYS(
            Topic.PREPARATION,
            "recentCardiovascularEventDays",
            42,
            1,
            365,
            "days",
            "E-ESK-EU-CV-EVENT",
            "how recent a myocardial infarction or other cardiovascular event counts as recent: 6 weeks in the EU "
                    + "esketamine label (graded M)",
            SitePolicy::recentCardiovascularEventDays),
    MADRS_REMISSION_MAX(
            Topic.COURSE,
            "madrsRemissionMax",
            12,
            10,
            12,
            "MADRS",
            "E-TRJ-REMISSION",
            "MADRS total at or below which a patient is in remission: 12 in the esketamine programme (SUSTAIN-3, H); "
                    + "10 is the other trial convention (M)",
            SitePolicy::madrsRemissionMax),
    WORSENING_PERCENT(
            Topic.COURSE,
            "worseningPercent",
            20,
            5,
            100,
            "%",
            "E-TRJ-WORSENING, E-POL-SCALE-TRANSFER",
            "rise from baseline that counts as clinically significant worsening: the QIDS-SR16 definition (Psychiatry "
                    + "Res 2022, H); applying it to PHQ-9 and MADRS as well is **local policy (an inference)**",
            SitePolicy::worseningPercent),
    EARLY_COURSE_SESSIONS(
            Topic.COURSE,
            "earlyCourseSessions",
            3,
            1,
            8,
            "sessions",
            "E-POL-EARLY-WINDOW, E-TRJ-EARLY-STOPPING",
            "**local policy default, not from a guideline**: sessions of an induction within which a modest rise in "
                    + "scores is early and can pass, chosen to match the early-stopping study's window (non-improvement "
                    + "judged through infusions 3-4, Transl Psychiatry 2024)",
            SitePolicy::earlyCourseSessions),
    PERSISTENT_WORSENING_ASSESSMENTS(
            Topic.COURSE,
            "persistentWorseningAssessments",
            2,
            2,
            6,
            "assessments",
            "E-POL-PERSISTENT-WORSENING",
            "**local policy default, not from a guideline**: consecutive assessments worse than baseline that make "
                    + "worsening persistent",
            SitePolicy::persistentWorseningAssessments),
    NON_RESPONSE_PERCENT(
            Topic.COURSE,
            "nonResponsePercent",
            20,
            5,
            50,
            "%",
            "E-TRJ-EARLY-STOPPING, E-POL-SCALE-TRANSFER",
            "improvement below which an IV series is not improving: the early-stopping study's threshold on MADRS "
                    + "(Transl Psychiatry 2024, H); applying it to other instruments is **local policy (an inference)**",
            SitePolicy::nonResponsePercent),
    RELAPSE_FOLLOW_UP_DAYS(
            Topic.COURSE,
            "relapseFollowUpDays",
            18,
            7,
            60,
            "days",
            "E-TRJ-RELAPSE-IV, E-POL-RELAPSE-FOLLOW-UP",
            "days after the last infusion of a responding IV series by which a follow-up should happen: the median "
                    + "time to relapse (Murrough 2013, H); using the median as a deadline is **local policy** (half "
                    + "the responders relapse earlier)",
            SitePolicy::relapseFollowUpDays),
    HEART_RATE_MINIMUM(
            Topic.MONITORING,
            "heartRateMinimum",
            50,
            30,
            70,
            "/min",
            "E-POL-HEART-RATE",
            "**local policy default, not from a guideline**: heart rate below which a reading after the dose is "
                    + "bradycardia",
            SitePolicy::heartRateMinimum),
    HEART_RATE_MAXIMUM(
            Topic.MONITORING,
            "heartRateMaximum",
            120,
            90,
            180,
            "/min",
            "E-POL-HEART-RATE",
            "**local policy default, not from a guideline**: heart rate at or above which a reading after the dose "
                    + "is tachycardia",
            SitePolicy::heartRateMaximum),
    SEDATION_CRITICAL_MOAAS(
            Topic.MONITORING,
            "sedationCriticalMoaas",
            1,
            0,
            3,
            "MOAA/S",
            "E-POL-SEDATION",
            "**local policy default**: MOAA/S at or below which sedation is critical, below the warning level; 1 "
                    + "responds only to a painful stimulus, one step from loss of consciousness (MOAA/S 0 is always "
                    + "critical, label)",
            SitePolicy::sedationCriticalMoaas),
    RACEMIC_IV_DOSE_MIN_MG_PER_KG(
            Topic.DOSING,
            "racemicIvDoseMinMgPerKg",
            0.1,
            0.05,
            0.5,
            "mg/kg",
            "E-KET-IV-DOSE",
            "an IV racemic-ketamine dose below this is outside the studied range: some patients respond to 0.1 mg/kg "
                    + "(Andrade 2017, Sanacora 2017, H)",
            SitePolicy::racemicIvDoseMinMgPerKg),
    RACEMIC_IV_DOSE_MAX_MG_PER_KG(
            Topic.DOSING,
            "racemicIvDoseMaxMgPerKg",
            0.75,
            0.5,
            2.0,
            "mg/kg",
            "E-KET-IV-DOSE",
            "an IV racemic-ketamine dose above this is outside the studied range: some patients need up to "
                    + "0.75 mg/kg; 0.5 mg/kg is standard (Andrade 2017, H)",
            SitePolicy::racemicIvDoseMaxMgPerKg),
    MAINTENANCE_GRACE_DAYS(
            Topic.COURSE,
            "maintenanceGraceDays",
            3,
            0,
            14,
            "days",
            "E-POL-MAINTENANCE-GRACE",
            "**local policy default, not from a guideline**: days past the label's esketamine maintenance interval "
                    + "(7 days in weeks 5-8, 14 from week 9) before a session counts as overdue",
            SitePolicy::maintenanceGraceDays),
    DISSOCIATION_CADSS_MARGIN(
            Topic.MONITORING,
            "dissociationCadssMargin",
            4,
            0,
            20,
            "CADSS points",
            "E-POL-CADSS-RESOLVED",
            "**local policy default, not from a guideline**: CADSS points above the pre-dose score (or above 0 "
                    + "without one) within which dissociation counts as resolved when no clinician's judgement is "
                    + "recorded; no source gives a cut-off",
            SitePolicy::dissociationCadssMargin),
    PHQ9_RELAPSE_MIN(
            Topic.COURSE,
            "phq9RelapseMin",
            10,
            5,
            20,
            "PHQ-9",
            "E-POL-PHQ9-RELAPSE",
            "**local policy default, not from a guideline**: PHQ-9 total at or above which a rise after response or "
                    + "remission counts as relapse, the PHQ-9's moderate cut-point (Kroenke 2001); no source defines "
                    + "PHQ-9 relapse",
            SitePolicy::phq9RelapseMin);

    /** The groups the settings are shown and built in. */
    public enum Topic {
        MEDICATION_REVIEW("Medication review"),
        BLOOD_PRESSURE("Blood pressure before and after the dose"),
        MONITORING("Monitoring after the dose"),
        PREPARATION("Preparation and screening"),
        COURSE("Course, response and maintenance"),
        DOSING("Dosing");

        private final String title;

        Topic(String title) {
            this.title = title;
        }

        /** @return the topic's heading */
        public String title() {
            return title;
        }
    }

    private static final List<PolicySetting> ALL = List.of(values());

    private final Topic topic;
    private final String key;
    private final Number shipped;
    private final Number min;
    private final Number max;
    private final String unit;
    private final List<String> evidence;
    private final String basis;
    private final Function<SitePolicy, Number> accessor;

    PolicySetting(
            Topic topic,
            String key,
            Number shipped,
            Number min,
            Number max,
            String unit,
            String evidence,
            String basis,
            Function<SitePolicy, Number> accessor) {
        this.topic = topic;
        this.key = key;
        this.shipped = shipped;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.evidence = Arrays.stream(evidence.split(",")).map(String::strip).toList();
        this.basis = basis;
        this.accessor = accessor;
    }

    /** @return every setting, in the order of {@link SitePolicy}'s components */
    public static List<PolicySetting> all() {
        return ALL;
    }

    /**
     * @param key a setting's name, as in policy files
     * @return the setting, or null when no setting has that name
     */
    public static PolicySetting byKey(String key) {
        for (PolicySetting s : ALL) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** @return the topic the setting belongs to */
    public Topic topic() {
        return topic;
    }

    /** @return the name in {@link SitePolicy}, its builder and policy files */
    public String key() {
        return key;
    }

    /** @return whether the setting takes decimals (mg/kg) rather than whole numbers */
    public boolean decimal() {
        return shipped instanceof Double;
    }

    /** @return the shipped default ({@link Integer}, or {@link Double} for a decimal setting) */
    public Number shipped() {
        return shipped;
    }

    /** @return the least value a site may set */
    public Number min() {
        return min;
    }

    /** @return the greatest value a site may set */
    public Number max() {
        return max;
    }

    /** @return the unit, as shown in the README and in error messages */
    public String unit() {
        return unit;
    }

    /** @return the ids of the evidence-table rows the setting rests on */
    public List<String> evidence() {
        return evidence;
    }

    /** @return the basis of the default, in markdown */
    public String basis() {
        return basis;
    }

    /**
     * @param policy a policy
     * @return this setting's value in it
     */
    public Number of(SitePolicy policy) {
        return accessor.apply(policy);
    }

    /**
     * Checks a value against the range.
     *
     * @param value the value a policy gives
     * @throws org.ketaminecds.fact.InvalidFactException naming the setting, when the value is outside the range
     */
    void check(Number value) {
        if (decimal()) {
            org.ketaminecds.fact.Checks.range(key, value.doubleValue(), min.doubleValue(), max.doubleValue(), unit);
        } else {
            org.ketaminecds.fact.Checks.range(key, value.intValue(), min.intValue(), max.intValue(), unit);
        }
    }

    /**
     * The settings as the README's markdown table, grouped by topic: name, range, default, unit, basis, evidence.
     *
     * @return the table, ending with a line break
     */
    public static String markdownTable() {
        StringBuilder md = new StringBuilder("| Setting | Range | Default | Unit | Basis | Evidence |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Topic topic : Topic.values()) {
            md.append("| **").append(topic.title()).append("** | | | | | |\n");
            for (PolicySetting s : ALL) {
                if (s.topic == topic) {
                    md.append(String.format(
                            Locale.ROOT,
                            "| `%s` | %s-%s | %s | %s | %s | %s |\n",
                            s.key,
                            s.min,
                            s.max,
                            s.shipped,
                            s.unit,
                            s.basis,
                            String.join(", ", s.evidence)));
                }
            }
        }
        return md.toString();
    }
}
