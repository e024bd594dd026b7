package org.ketaminecds.policy;

import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.requiredText;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ketaminecds.fact.Checks;

/**
 * Site policy: the thresholds, windows and switches a site may set, as an immutable, validated value passed to the
 * engine. {@link #defaults()} is what ships. Numbers the clinical reference grades low or unverified, or does not
 * give at all, are policy settings whose documentation says <b>local policy default, not from a guideline</b>;
 * numbers from the label (140/90 mmHg, the 40-minute re-check, 2 hours of monitoring...) are not settings: they are
 * in the rules artifact's {@code org.ketaminecds.knowledge.LabelThresholds}.
 *
 * @param name a name for the policy, shown in every result and card explanation
 * @param medicationReviewMaxAgeDays calendar days a medication reconciliation stays current (1-365). <b>Local
 *     policy default, not from a guideline: 30.</b> The reference asks for medication changes since the last visit
 *     on each session day and a review of all medicines, with no maximum age.
 * @param preDoseBpWindowMinutes how long before the dose a blood pressure still counts as the pre-dose reading
 *     (5-480). <b>Local policy default, not from a guideline: 60.</b>
 * @param preDoseHoldSystolic pre-dose systolic at or above which the dose should be held (critical) (141-250).
 *     <b>Local policy default, not from a guideline: 170</b>, the example research exclusion of NCT03658330 (SBP
 *     &gt;170 or DBP &gt;100); evidence E-POL-BP-HOLD.
 * @param preDoseHoldDiastolic pre-dose diastolic at or above which the dose should be held (91-150). <b>Local
 *     policy default: 100</b> (same source).
 * @param severeSystolic systolic at or above which a reading after the dose is severe hypertension (critical)
 *     (150-260). <b>Local policy default, not from a guideline: 180.</b> No ketamine guideline number was found;
 *     Yip 2022 argues for hypertensive-urgency practice (evidence E-POL-BP-SEVERE, E-KET-HTN-PRACTICE).
 * @param severeDiastolic diastolic at or above which a reading is severe hypertension (95-160). <b>Local policy
 *     default, not from a guideline: 110.</b>
 * @param bpRecheckToleranceMinutes how much earlier than 40 minutes after the dose a reading still counts as the
 *     label's ~40-minute re-check (0-30). <b>Local policy default: 10.</b>
 * @param spo2Minimum oxygen saturation (%) below which a reading is critical (80-98). <b>Local policy default, not
 *     from a guideline: 92.</b> No guideline SpO2 action threshold was found (evidence E-POL-SPO2).
 * @param respiratoryRateMinimum breaths per minute below which a reading is critical (4-14). <b>Local policy
 *     default, not from a guideline: 8.</b>
 * @param sedationWarningMoaas MOAA/S at or below which sedation is deeper than the site allows (warning) (1-4);
 *     MOAA/S 0 is always critical. <b>Local policy default, not from a guideline: 2</b> (responds only to prodding).
 * @param experiencePersistMinutes minutes after which an unresolved challenging experience counts as persisting
 *     (10-480). <b>Local policy default, not from a guideline: 60.</b>
 * @param racemicFoodFastMinutes minimum fast from food before racemic ketamine (0-720). <b>Local policy default:
 *     120</b>, borrowed from the esketamine label; the Ketalar label says only "empty stomach".
 * @param racemicFluidFastMinutes minimum fast from liquids before racemic ketamine (0-480). <b>Local policy
 *     default: 30</b>, borrowed from the esketamine label.
 * @param recentCardiovascularEventDays how recent a myocardial infarction or other cardiovascular event counts as
 *     "recent" (1-365). Default 42 (6 weeks): EU SmPC for esketamine, graded M (evidence E-ESK-EU-CV-EVENT).
 * @param madrsRemissionMax MADRS total at or below which a patient is in remission (10-12). Default 12, the
 *     esketamine programme's definition (SUSTAIN-3, graded H); 10 is the other trial convention (graded M).
 * @param worseningPercent rise from baseline, in percent, that counts as clinically significant worsening (5-100).
 *     Default 20: the QIDS-SR16 definition used in ketamine research (Psychiatry Res 2022, graded H); applying it
 *     to PHQ-9 and MADRS as well is <b>local policy (an inference)</b>.
 * @param earlyCourseSessions sessions of an induction within which a modest rise in scores is "early" and can pass
 *     (1-8). <b>Local policy default, not from a guideline: 3</b>, chosen to match the early-stopping study's window
 *     (non-improvement judged through infusions 3-4, Transl Psychiatry 2024), which does not define an early-worsening
 *     window itself.
 * @param persistentWorseningAssessments consecutive assessments worse than baseline that make worsening
 *     "persistent" (2-6). <b>Local policy default, not from a guideline: 2.</b>
 * @param nonResponsePercent improvement below which an IV series is "not improving" (5-50). Default 20, the
 *     "improvement" threshold of the early-stopping study on MADRS (Transl Psychiatry 2024, graded H); applying it to
 *     other instruments is <b>local policy (an inference)</b>.
 * @param relapseFollowUpDays days after the last infusion of a responding IV series by which a follow-up should
 *     happen (7-60). Default 18, the median time to relapse in one trial (Murrough 2013, graded H); using the median
 *     as a follow-up deadline is <b>local policy</b> (half the responders relapse earlier).
 * @param heartRateMinimum heart rate (/min) below which a reading after the dose is bradycardia (30-70). <b>Local
 *     policy default, not from a guideline: 50.</b>
 * @param heartRateMaximum heart rate (/min) at or above which a reading after the dose is tachycardia (90-180).
 *     <b>Local policy default, not from a guideline: 120.</b>
 * @param sedationCriticalMoaas MOAA/S at or below which sedation is critical (0-3; below
 *     {@code sedationWarningMoaas}). <b>Local policy default, not from a guideline: 1</b> (responds only to a painful
 *     stimulus, one step from loss of consciousness; MOAA/S 0 is always critical).
 * @param racemicIvDoseMinMgPerKg an IV racemic-ketamine dose below this (mg/kg) is outside the studied range
 *     (0.05-0.5). Default 0.1: some patients respond to 0.1 mg/kg (Andrade 2017, graded H).
 * @param racemicIvDoseMaxMgPerKg an IV racemic-ketamine dose above this (mg/kg) is outside the studied range
 *     (0.5-2.0). Default 0.75: some patients need up to 0.75 mg/kg; 0.5 mg/kg is standard (Andrade 2017, graded H).
 * @param maintenanceGraceDays days past the label's maintenance interval (7 days in weeks 5-8, 14 from week 9) before
 *     an esketamine maintenance session counts as overdue (0-14). <b>Local policy default, not from a guideline:
 *     3.</b>
 * @param dissociationCadssMargin CADSS points above the patient's pre-dose score (or above 0 without one) within which dissociation counts as resolved when no clinician's judgement is recorded (0-20). <b>Local policy default, not from a guideline: 4</b> (about one item at its maximum); no source gives a cut-off (evidence E-POL-CADSS-RESOLVED).
 * @param phq9RelapseMin PHQ-9 total at or above which a rise after response or remission counts as relapse (5-20). <b>Local policy default, not from a guideline: 10</b>, the PHQ-9's moderate cut-point (Kroenke 2001); no source defines PHQ-9 relapse (evidence E-POL-PHQ9-RELAPSE).
 * @param disabledRules ids of recommendation rules the site switches off (cards dropped, listed as suppressed)
 * @param indicatorOverrides per rule id, a different indicator with the site's written reason
 * @param disabledTopics card topics the site switches off (e.g. {@code therapy-integration}); their cards are dropped
 *     and their rules listed as suppressed
 * @param localDrugs the site's additions to the drug-class table
 * @param localConditions the site's additions to the condition-code table
 * @param reasons the site's written reason for each change, by the change's key: {@code settings.<setting>},
 *     {@code disabledRules.<rule id>} or {@code disabledTopics.<topic>} (indicator overrides and local entries carry
 *     their own). Part of the policy, so {@link PolicyHash} covers them: a result's policy hash identifies the
 *     reviewed policy, reasons included. A key must name a change the policy makes.
 * @since 0.1.0
 */
public record SitePolicy(
        String name,
        int medicationReviewMaxAgeDays,
        int preDoseBpWindowMinutes,
        int preDoseHoldSystolic,
        int preDoseHoldDiastolic,
        int severeSystolic,
        int severeDiastolic,
        int bpRecheckToleranceMinutes,
        int spo2Minimum,
        int respiratoryRateMinimum,
        int sedationWarningMoaas,
        int experiencePersistMinutes,
        int racemicFoodFastMinutes,
        int racemicFluidFastMinutes,
        int recentCardiovascularEventDays,
        int madrsRemissionMax,
        int worseningPercent,
        int earlyCourseSessions,
        int persistentWorseningAssessments,
        int nonResponsePercent,
        int relapseFollowUpDays,
        int heartRateMinimum,
        int heartRateMaximum,
        int sedationCriticalMoaas,
        double racemicIvDoseMinMgPerKg,
        double racemicIvDoseMaxMgPerKg,
        int maintenanceGraceDays,
        int dissociationCadssMargin,
        int phq9RelapseMin,
        Set<String> disabledRules,
        Map<String, IndicatorOverride> indicatorOverrides,
        Set<String> disabledTopics,
        java.util.List<org.ketaminecds.policy.LocalDrug> localDrugs,
        java.util.List<org.ketaminecds.policy.LocalCondition> localConditions,
        Map<String, String> reasons) {

    /** Name of the shipped defaults. */
    public static final String DEFAULT_NAME = "ketamine-cds-defaults";

    /** The numeric settings' names, in the order of the record's components (read once, before the defaults). */
    private static final java.util.List<String> SETTING_NAMES =
            java.util.List.copyOf(numericSettings(null).keySet());

    private static final SitePolicy DEFAULTS = new SitePolicy(
            DEFAULT_NAME, // name
            30, // medicationReviewMaxAgeDays
            60, // preDoseBpWindowMinutes
            170, // preDoseHoldSystolic
            100, // preDoseHoldDiastolic
            180, // severeSystolic
            110, // severeDiastolic
            10, // bpRecheckToleranceMinutes
            92, // spo2Minimum
            8, // respiratoryRateMinimum
            2, // sedationWarningMoaas
            60, // experiencePersistMinutes
            120, // racemicFoodFastMinutes
            30, // racemicFluidFastMinutes
            42, // recentCardiovascularEventDays
            12, // madrsRemissionMax
            20, // worseningPercent
            3, // earlyCourseSessions
            2, // persistentWorseningAssessments
            20, // nonResponsePercent
            18, // relapseFollowUpDays
            50, // heartRateMinimum
            120, // heartRateMaximum
            1, // sedationCriticalMoaas
            0.1, // racemicIvDoseMinMgPerKg
            0.75, // racemicIvDoseMaxMgPerKg
            3, // maintenanceGraceDays
            4, // dissociationCadssMargin
            10, // phq9RelapseMin
            Set.of(), // disabledRules
            Map.of(), // indicatorOverrides
            Set.of(), // disabledTopics
            java.util.List.of(), // localDrugs
            java.util.List.of(), // localConditions
            Map.of() // reasons
            );

    public SitePolicy {
        requiredText("name", name);
        range("medicationReviewMaxAgeDays", medicationReviewMaxAgeDays, 1, 365, "days");
        range("preDoseBpWindowMinutes", preDoseBpWindowMinutes, 5, 480, "minutes");
        range("preDoseHoldSystolic", preDoseHoldSystolic, 141, 250, "mmHg");
        range("preDoseHoldDiastolic", preDoseHoldDiastolic, 91, 150, "mmHg");
        range("severeSystolic", severeSystolic, 150, 260, "mmHg");
        range("severeDiastolic", severeDiastolic, 95, 160, "mmHg");
        range("bpRecheckToleranceMinutes", bpRecheckToleranceMinutes, 0, 30, "minutes");
        range("spo2Minimum", spo2Minimum, 80, 98, "%");
        range("respiratoryRateMinimum", respiratoryRateMinimum, 4, 14, "/min");
        range("sedationWarningMoaas", sedationWarningMoaas, 1, 4, "");
        range("experiencePersistMinutes", experiencePersistMinutes, 10, 480, "minutes");
        range("racemicFoodFastMinutes", racemicFoodFastMinutes, 0, 720, "minutes");
        range("racemicFluidFastMinutes", racemicFluidFastMinutes, 0, 480, "minutes");
        range("recentCardiovascularEventDays", recentCardiovascularEventDays, 1, 365, "days");
        range("madrsRemissionMax", madrsRemissionMax, 10, 12, "");
        range("worseningPercent", worseningPercent, 5, 100, "%");
        range("earlyCourseSessions", earlyCourseSessions, 1, 8, "sessions");
        range("persistentWorseningAssessments", persistentWorseningAssessments, 2, 6, "assessments");
        range("nonResponsePercent", nonResponsePercent, 5, 50, "%");
        range("relapseFollowUpDays", relapseFollowUpDays, 7, 60, "days");
        range("heartRateMinimum", heartRateMinimum, 30, 70, "/min");
        range("heartRateMaximum", heartRateMaximum, 90, 180, "/min");
        range("sedationCriticalMoaas", sedationCriticalMoaas, 0, 3, "");
        if (sedationCriticalMoaas >= sedationWarningMoaas) {
            throw new org.ketaminecds.fact.InvalidFactException(
                    "sedationCriticalMoaas",
                    "must be below sedationWarningMoaas (" + sedationWarningMoaas + "), was " + sedationCriticalMoaas);
        }
        range("racemicIvDoseMinMgPerKg", racemicIvDoseMinMgPerKg, 0.05, 0.5, "mg/kg");
        range("racemicIvDoseMaxMgPerKg", racemicIvDoseMaxMgPerKg, 0.5, 2.0, "mg/kg");
        range("maintenanceGraceDays", maintenanceGraceDays, 0, 14, "days");

        range("dissociationCadssMargin", dissociationCadssMargin, 0, 20, "points");
        range("phq9RelapseMin", phq9RelapseMin, 5, 20, "");
        disabledRules = Set.copyOf(Checks.required("disabledRules", disabledRules));
        indicatorOverrides = Map.copyOf(Checks.required("indicatorOverrides", indicatorOverrides));
        disabledTopics = disabledTopics == null ? Set.of() : Set.copyOf(disabledTopics);
        localDrugs = localDrugs == null ? java.util.List.of() : java.util.List.copyOf(localDrugs);
        localConditions = localConditions == null ? java.util.List.of() : java.util.List.copyOf(localConditions);
        reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
        // The fields are assigned only after this body, so the settings are read from the parameters, in the order
        // of the record's numeric components.
        Number[] values = {
            medicationReviewMaxAgeDays,
            preDoseBpWindowMinutes,
            preDoseHoldSystolic,
            preDoseHoldDiastolic,
            severeSystolic,
            severeDiastolic,
            bpRecheckToleranceMinutes,
            spo2Minimum,
            respiratoryRateMinimum,
            sedationWarningMoaas,
            experiencePersistMinutes,
            racemicFoodFastMinutes,
            racemicFluidFastMinutes,
            recentCardiovascularEventDays,
            madrsRemissionMax,
            worseningPercent,
            earlyCourseSessions,
            persistentWorseningAssessments,
            nonResponsePercent,
            relapseFollowUpDays,
            heartRateMinimum,
            heartRateMaximum,
            sedationCriticalMoaas,
            racemicIvDoseMinMgPerKg,
            racemicIvDoseMaxMgPerKg,
            maintenanceGraceDays,
            dissociationCadssMargin,
            phq9RelapseMin
        };
        java.util.List<String> names = SETTING_NAMES;
        Map<String, Number> shipped = reasons.isEmpty() || DEFAULTS == null ? Map.of() : numericSettings(DEFAULTS);
        for (Map.Entry<String, String> r : reasons.entrySet()) {
            requiredText("reasons." + r.getKey(), r.getValue());
            String key = r.getKey();
            String what = key.substring(key.indexOf('.') + 1);
            boolean known = key.startsWith("settings.")
                    ? names.contains(what)
                            && shipped.containsKey(what)
                            && !shipped.get(what).equals(values[names.indexOf(what)])
                    : key.startsWith("disabledRules.")
                            ? disabledRules.contains(what)
                            : key.startsWith("disabledTopics.") && disabledTopics.contains(what);
            if (!known) {
                throw new org.ketaminecds.fact.InvalidFactException(
                        "reasons." + key,
                        "gives a reason for a change the policy does not make (settings.<a changed setting>, "
                                + "disabledRules.<a disabled rule> or disabledTopics.<a disabled topic>)");
            }
        }
    }

    /** The names of the numeric settings, in declaration order. */
    public static java.util.List<String> settingNames() {
        return SETTING_NAMES;
    }

    /**
     * The numeric settings of a policy by name, in declaration order: whole numbers as {@link Integer}, the mg/kg
     * bounds as {@link Double}.
     */
    public Map<String, Number> numericSettings() {
        return numericSettings(this);
    }

    private static Map<String, Number> numericSettings(SitePolicy p) {
        Map<String, Number> m = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : SitePolicy.class.getRecordComponents()) {
            if (c.getType() == int.class || c.getType() == double.class) {
                try {
                    m.put(c.getName(), p == null ? 0 : (Number) c.getAccessor().invoke(p));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return m;
    }

    /**
     * Each way this policy differs from {@code base} (usually {@link #defaults()}) in its settings, switched-off
     * rules and topics, and indicator overrides, with the reason the policy records (or "no reason recorded").
     * Local drug and condition entries are listed by the policy file, which reads their reasons.
     */
    public java.util.List<PolicyChange> changesFrom(SitePolicy base) {
        java.util.List<PolicyChange> changes = new java.util.ArrayList<>();
        Map<String, Number> shipped = base.numericSettings();
        numericSettings().forEach((setting, value) -> {
            if (!value.equals(shipped.get(setting))) {
                changes.add(new PolicyChange(
                        "settings." + setting,
                        String.valueOf(shipped.get(setting)),
                        String.valueOf(value),
                        reason("settings." + setting)));
            }
        });
        new java.util.TreeSet<>(disabledRules)
                .stream()
                        .filter(id -> !base.disabledRules.contains(id))
                        .forEach(id -> changes.add(
                                new PolicyChange("disabledRules." + id, "on", "off", reason("disabledRules." + id))));
        new java.util.TreeSet<>(disabledTopics)
                .stream()
                        .filter(t -> !base.disabledTopics.contains(t))
                        .forEach(t -> changes.add(
                                new PolicyChange("disabledTopics." + t, "on", "off", reason("disabledTopics." + t))));
        new java.util.TreeMap<>(indicatorOverrides).forEach((id, o) -> {
            if (!o.equals(base.indicatorOverrides.get(id))) {
                changes.add(new PolicyChange(
                        "indicatorOverrides." + id,
                        "rule default",
                        o.indicator().code(),
                        o.reason()));
            }
        });
        return changes;
    }

    private String reason(String key) {
        return reasons.getOrDefault(key, "no reason recorded");
    }

    /** The shipped defaults. */
    public static SitePolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the shipped defaults, e.g.
     * {@code SitePolicy.builder().name("clinic-a").spo2Minimum(90).reason("settings.spo2Minimum", "SOP-12").build()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with a different medication-reconciliation window. */
    public SitePolicy withMedicationReviewMaxAgeDays(int days) {
        return toBuilder().medicationReviewMaxAgeDays(days).build();
    }

    /** A copy with a different name. */
    public SitePolicy withName(String newName) {
        return toBuilder().name(newName).build();
    }

    /** A copy with these recommendation rules switched off. */
    public SitePolicy withDisabledRules(Set<String> ruleIds) {
        return toBuilder().disabledRules(ruleIds).build();
    }

    /** A copy with these indicator overrides. */
    public SitePolicy withIndicatorOverrides(Map<String, IndicatorOverride> overrides) {
        return toBuilder().indicatorOverrides(overrides).build();
    }

    /**
     * Builds a {@link SitePolicy}; validation happens in {@link #build()}. Not thread-safe. The setters are grouped by
     * topic (blood pressure, monitoring after the dose, preparation and screening, course, dosing, switches); settings
     * that are judged together can be set together ({@link #preDoseHold}, {@link #severeHypertension},
     * {@link #sedationLevels}, {@link #heartRateLimits}, {@link #racemicFast}, {@link #racemicIvDoseRange}). Every
     * change from the defaults should carry a written reason ({@link #reason}).
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String name;
        private int medicationReviewMaxAgeDays;
        private int preDoseBpWindowMinutes;
        private int preDoseHoldSystolic;
        private int preDoseHoldDiastolic;
        private int severeSystolic;
        private int severeDiastolic;
        private int bpRecheckToleranceMinutes;
        private int spo2Minimum;
        private int respiratoryRateMinimum;
        private int sedationWarningMoaas;
        private int experiencePersistMinutes;
        private int racemicFoodFastMinutes;
        private int racemicFluidFastMinutes;
        private int recentCardiovascularEventDays;
        private int madrsRemissionMax;
        private int worseningPercent;
        private int earlyCourseSessions;
        private int persistentWorseningAssessments;
        private int nonResponsePercent;
        private int relapseFollowUpDays;
        private int heartRateMinimum;
        private int heartRateMaximum;
        private int sedationCriticalMoaas;
        private double racemicIvDoseMinMgPerKg;
        private double racemicIvDoseMaxMgPerKg;
        private int maintenanceGraceDays;
        private int dissociationCadssMargin;
        private int phq9RelapseMin;

        private Set<String> disabledRules;
        private Map<String, IndicatorOverride> indicatorOverrides;
        private Set<String> disabledTopics;
        private java.util.List<org.ketaminecds.policy.LocalDrug> localDrugs;
        private java.util.List<org.ketaminecds.policy.LocalCondition> localConditions;
        private Map<String, String> reasons;
        /** The reason keys given to this builder (not carried over from the policy it started from). */
        private final Set<String> given = new java.util.HashSet<>();

        private Builder(SitePolicy p) {
            Objects.requireNonNull(p, "policy");
            name = p.name;
            medicationReviewMaxAgeDays = p.medicationReviewMaxAgeDays;
            preDoseBpWindowMinutes = p.preDoseBpWindowMinutes;
            preDoseHoldSystolic = p.preDoseHoldSystolic;
            preDoseHoldDiastolic = p.preDoseHoldDiastolic;
            severeSystolic = p.severeSystolic;
            severeDiastolic = p.severeDiastolic;
            bpRecheckToleranceMinutes = p.bpRecheckToleranceMinutes;
            spo2Minimum = p.spo2Minimum;
            respiratoryRateMinimum = p.respiratoryRateMinimum;
            sedationWarningMoaas = p.sedationWarningMoaas;
            experiencePersistMinutes = p.experiencePersistMinutes;
            racemicFoodFastMinutes = p.racemicFoodFastMinutes;
            racemicFluidFastMinutes = p.racemicFluidFastMinutes;
            recentCardiovascularEventDays = p.recentCardiovascularEventDays;
            madrsRemissionMax = p.madrsRemissionMax;
            worseningPercent = p.worseningPercent;
            earlyCourseSessions = p.earlyCourseSessions;
            persistentWorseningAssessments = p.persistentWorseningAssessments;
            nonResponsePercent = p.nonResponsePercent;
            relapseFollowUpDays = p.relapseFollowUpDays;
            heartRateMinimum = p.heartRateMinimum;
            heartRateMaximum = p.heartRateMaximum;
            sedationCriticalMoaas = p.sedationCriticalMoaas;
            racemicIvDoseMinMgPerKg = p.racemicIvDoseMinMgPerKg;
            racemicIvDoseMaxMgPerKg = p.racemicIvDoseMaxMgPerKg;
            maintenanceGraceDays = p.maintenanceGraceDays;
            dissociationCadssMargin = p.dissociationCadssMargin;
            phq9RelapseMin = p.phq9RelapseMin;

            disabledRules = p.disabledRules;
            indicatorOverrides = p.indicatorOverrides;
            disabledTopics = p.disabledTopics;
            localDrugs = p.localDrugs;
            localConditions = p.localConditions;
            reasons = p.reasons;
        }

        // ---- Identity

        /**
         * The policy's name, shown on every result.
         *
         * @param v see {@link SitePolicy#name()}
         * @return this builder
         */
        public Builder name(String v) {
            name = v;
            return this;
        }

        // ---- Medication review

        /**
         * How long a medication reconciliation stays current.
         *
         * @param v see {@link SitePolicy#medicationReviewMaxAgeDays()}
         * @return this builder
         */
        public Builder medicationReviewMaxAgeDays(int v) {
            medicationReviewMaxAgeDays = v;
            return this;
        }

        // ---- Blood pressure before and after the dose

        /**
         * How long before the dose a reading counts as pre-dose.
         *
         * @param v see {@link SitePolicy#preDoseBpWindowMinutes()}
         * @return this builder
         */
        public Builder preDoseBpWindowMinutes(int v) {
            preDoseBpWindowMinutes = v;
            return this;
        }

        /**
         * Pre-dose systolic at which the dose is held.
         *
         * @param v see {@link SitePolicy#preDoseHoldSystolic()}
         * @return this builder
         */
        public Builder preDoseHoldSystolic(int v) {
            preDoseHoldSystolic = v;
            return this;
        }

        /**
         * Pre-dose diastolic at which the dose is held.
         *
         * @param v see {@link SitePolicy#preDoseHoldDiastolic()}
         * @return this builder
         */
        public Builder preDoseHoldDiastolic(int v) {
            preDoseHoldDiastolic = v;
            return this;
        }

        /**
         * Systolic after the dose that is severe hypertension.
         *
         * @param v see {@link SitePolicy#severeSystolic()}
         * @return this builder
         */
        public Builder severeSystolic(int v) {
            severeSystolic = v;
            return this;
        }

        /**
         * Diastolic after the dose that is severe hypertension.
         *
         * @param v see {@link SitePolicy#severeDiastolic()}
         * @return this builder
         */
        public Builder severeDiastolic(int v) {
            severeDiastolic = v;
            return this;
        }

        /**
         * How early a reading still counts as the ~40-minute re-check.
         *
         * @param v see {@link SitePolicy#bpRecheckToleranceMinutes()}
         * @return this builder
         */
        public Builder bpRecheckToleranceMinutes(int v) {
            bpRecheckToleranceMinutes = v;
            return this;
        }

        /**
         * Both pre-dose hold limits at once.
         *
         * @param systolic see {@link SitePolicy#preDoseHoldSystolic()}
         * @param diastolic see {@link SitePolicy#preDoseHoldDiastolic()}
         * @return this builder
         */
        public Builder preDoseHold(int systolic, int diastolic) {
            return preDoseHoldSystolic(systolic).preDoseHoldDiastolic(diastolic);
        }

        /**
         * Both severe-hypertension limits at once.
         *
         * @param systolic see {@link SitePolicy#severeSystolic()}
         * @param diastolic see {@link SitePolicy#severeDiastolic()}
         * @return this builder
         */
        public Builder severeHypertension(int systolic, int diastolic) {
            return severeSystolic(systolic).severeDiastolic(diastolic);
        }

        // ---- Monitoring after the dose

        /**
         * Oxygen saturation below which a reading is critical.
         *
         * @param v see {@link SitePolicy#spo2Minimum()}
         * @return this builder
         */
        public Builder spo2Minimum(int v) {
            spo2Minimum = v;
            return this;
        }

        /**
         * Respiratory rate below which a reading is critical.
         *
         * @param v see {@link SitePolicy#respiratoryRateMinimum()}
         * @return this builder
         */
        public Builder respiratoryRateMinimum(int v) {
            respiratoryRateMinimum = v;
            return this;
        }

        /**
         * MOAA/S at or below which sedation is deeper than allowed.
         *
         * @param v see {@link SitePolicy#sedationWarningMoaas()}
         * @return this builder
         */
        public Builder sedationWarningMoaas(int v) {
            sedationWarningMoaas = v;
            return this;
        }

        /**
         * MOAA/S at or below which sedation is critical.
         *
         * @param v see {@link SitePolicy#sedationCriticalMoaas()}
         * @return this builder
         */
        public Builder sedationCriticalMoaas(int v) {
            sedationCriticalMoaas = v;
            return this;
        }

        /**
         * Heart rate after the dose below which it is bradycardia.
         *
         * @param v see {@link SitePolicy#heartRateMinimum()}
         * @return this builder
         */
        public Builder heartRateMinimum(int v) {
            heartRateMinimum = v;
            return this;
        }

        /**
         * Heart rate after the dose at or above which it is tachycardia.
         *
         * @param v see {@link SitePolicy#heartRateMaximum()}
         * @return this builder
         */
        public Builder heartRateMaximum(int v) {
            heartRateMaximum = v;
            return this;
        }

        /**
         * Minutes after which an unresolved challenging experience persists.
         *
         * @param v see {@link SitePolicy#experiencePersistMinutes()}
         * @return this builder
         */
        public Builder experiencePersistMinutes(int v) {
            experiencePersistMinutes = v;
            return this;
        }

        /**
         * Both sedation levels at once (the critical level must be below the warning level).
         *
         * @param warning see {@link SitePolicy#sedationWarningMoaas()}
         * @param critical see {@link SitePolicy#sedationCriticalMoaas()}
         * @return this builder
         */
        public Builder sedationLevels(int warning, int critical) {
            return sedationWarningMoaas(warning).sedationCriticalMoaas(critical);
        }

        /**
         * Both heart-rate limits at once.
         *
         * @param minimum see {@link SitePolicy#heartRateMinimum()}
         * @param maximum see {@link SitePolicy#heartRateMaximum()}
         * @return this builder
         */
        public Builder heartRateLimits(int minimum, int maximum) {
            return heartRateMinimum(minimum).heartRateMaximum(maximum);
        }

        // ---- Preparation and screening

        /**
         * Minimum fast from food before racemic ketamine.
         *
         * @param v see {@link SitePolicy#racemicFoodFastMinutes()}
         * @return this builder
         */
        public Builder racemicFoodFastMinutes(int v) {
            racemicFoodFastMinutes = v;
            return this;
        }

        /**
         * Minimum fast from liquids before racemic ketamine.
         *
         * @param v see {@link SitePolicy#racemicFluidFastMinutes()}
         * @return this builder
         */
        public Builder racemicFluidFastMinutes(int v) {
            racemicFluidFastMinutes = v;
            return this;
        }

        /**
         * How recent a cardiovascular event counts as recent.
         *
         * @param v see {@link SitePolicy#recentCardiovascularEventDays()}
         * @return this builder
         */
        public Builder recentCardiovascularEventDays(int v) {
            recentCardiovascularEventDays = v;
            return this;
        }

        /**
         * Both racemic-ketamine fasting times at once.
         *
         * @param foodMinutes see {@link SitePolicy#racemicFoodFastMinutes()}
         * @param fluidMinutes see {@link SitePolicy#racemicFluidFastMinutes()}
         * @return this builder
         */
        public Builder racemicFast(int foodMinutes, int fluidMinutes) {
            return racemicFoodFastMinutes(foodMinutes).racemicFluidFastMinutes(fluidMinutes);
        }

        // ---- Course, response and maintenance

        /**
         * MADRS total at or below which a patient is in remission.
         *
         * @param v see {@link SitePolicy#madrsRemissionMax()}
         * @return this builder
         */
        public Builder madrsRemissionMax(int v) {
            madrsRemissionMax = v;
            return this;
        }

        /**
         * Rise from baseline that counts as significant worsening.
         *
         * @param v see {@link SitePolicy#worseningPercent()}
         * @return this builder
         */
        public Builder worseningPercent(int v) {
            worseningPercent = v;
            return this;
        }

        /**
         * Sessions within which a modest rise is early.
         *
         * @param v see {@link SitePolicy#earlyCourseSessions()}
         * @return this builder
         */
        public Builder earlyCourseSessions(int v) {
            earlyCourseSessions = v;
            return this;
        }

        /**
         * Consecutive worse assessments that make worsening persistent.
         *
         * @param v see {@link SitePolicy#persistentWorseningAssessments()}
         * @return this builder
         */
        public Builder persistentWorseningAssessments(int v) {
            persistentWorseningAssessments = v;
            return this;
        }

        /**
         * Improvement below which an IV series is not improving.
         *
         * @param v see {@link SitePolicy#nonResponsePercent()}
         * @return this builder
         */
        public Builder nonResponsePercent(int v) {
            nonResponsePercent = v;
            return this;
        }

        /**
         * Days after a responding IV series by which a follow-up is due.
         *
         * @param v see {@link SitePolicy#relapseFollowUpDays()}
         * @return this builder
         */
        public Builder relapseFollowUpDays(int v) {
            relapseFollowUpDays = v;
            return this;
        }

        /**
         * Days past the maintenance interval before a session is overdue.
         *
         * @param v see {@link SitePolicy#maintenanceGraceDays()}
         * @return this builder
         */
        public Builder maintenanceGraceDays(int v) {
            maintenanceGraceDays = v;
            return this;
        }

        // ---- Dosing

        /**
         * Lowest IV racemic-ketamine dose of the studied range.
         *
         * @param v see {@link SitePolicy#racemicIvDoseMinMgPerKg()}
         * @return this builder
         */
        public Builder racemicIvDoseMinMgPerKg(double v) {
            racemicIvDoseMinMgPerKg = v;
            return this;
        }

        /**
         * Highest IV racemic-ketamine dose of the studied range.
         *
         * @param v see {@link SitePolicy#racemicIvDoseMaxMgPerKg()}
         * @return this builder
         */
        public Builder racemicIvDoseMaxMgPerKg(double v) {
            racemicIvDoseMaxMgPerKg = v;
            return this;
        }

        /**
         * Both bounds of the studied IV racemic-ketamine dose range at once.
         *
         * @param minimum see {@link SitePolicy#racemicIvDoseMinMgPerKg()}
         * @param maximum see {@link SitePolicy#racemicIvDoseMaxMgPerKg()}
         * @return this builder
         */
        public Builder racemicIvDoseRange(double minimum, double maximum) {
            return racemicIvDoseMinMgPerKg(minimum).racemicIvDoseMaxMgPerKg(maximum);
        }

        /**
         * CADSS points above the pre-dose score within which dissociation counts as resolved.
         *
         * @param v see {@link SitePolicy#dissociationCadssMargin()}
         * @return this builder
         */
        public Builder dissociationCadssMargin(int v) {
            dissociationCadssMargin = v;
            return this;
        }

        /**
         * PHQ-9 total at or above which a rise after response or remission is relapse.
         *
         * @param v see {@link SitePolicy#phq9RelapseMin()}
         * @return this builder
         */
        public Builder phq9RelapseMin(int v) {
            phq9RelapseMin = v;
            return this;
        }

        // ---- Switches, overrides and local additions

        /**
         * Recommendation rules switched off.
         *
         * @param v see {@link SitePolicy#disabledRules()}
         * @return this builder
         */
        public Builder disabledRules(Set<String> v) {
            disabledRules = v;
            return this;
        }

        /**
         * Per rule, a different indicator with the written reason.
         *
         * @param v see {@link SitePolicy#indicatorOverrides()}
         * @return this builder
         */
        public Builder indicatorOverrides(Map<String, IndicatorOverride> v) {
            indicatorOverrides = v;
            return this;
        }

        /**
         * Card topics switched off.
         *
         * @param v see {@link SitePolicy#disabledTopics()}
         * @return this builder
         */
        public Builder disabledTopics(Set<String> v) {
            disabledTopics = v;
            return this;
        }

        /**
         * The site's additions to the drug-class table.
         *
         * @param v see {@link SitePolicy#localDrugs()}
         * @return this builder
         */
        public Builder localDrugs(java.util.List<org.ketaminecds.policy.LocalDrug> v) {
            localDrugs = v;
            return this;
        }

        /**
         * The site's additions to the condition-code table.
         *
         * @param v see {@link SitePolicy#localConditions()}
         * @return this builder
         */
        public Builder localConditions(java.util.List<org.ketaminecds.policy.LocalCondition> v) {
            localConditions = v;
            return this;
        }

        /**
         * The written reasons, by change key (replaces them all).
         *
         * @param v see {@link SitePolicy#reasons()}
         * @return this builder
         */
        public Builder reasons(Map<String, String> v) {
            reasons = v;
            given.addAll(v == null ? Set.of() : v.keySet());
            return this;
        }

        /**
         * Adds (or replaces) the written reason for one change, e.g. {@code reason("settings.spo2Minimum", "SOP-12")};
         * a null reason removes it.
         *
         * @param key the change: {@code settings.<setting>}, {@code disabledRules.<rule id>} or
         *     {@code disabledTopics.<topic>}
         * @param reason the reason, or null to remove it
         * @return this builder
         */
        public Builder reason(String key, String reason) {
            given.add(key);
            Map<String, String> all = new java.util.HashMap<>(reasons == null ? Map.of() : reasons);
            if (reason == null) {
                all.remove(key);
            } else {
                all.put(key, reason);
            }
            reasons = all;
            return this;
        }

        /**
         * Builds and validates the policy.
         *
         * @return the policy
         * @throws org.ketaminecds.fact.InvalidFactException naming the setting, its value and the allowed range
         */
        public SitePolicy build() {
            SitePolicy changes = construct(Map.of());
            // Reasons are kept for the changes this policy makes; a reason carried over from the policy this builder
            // started from, for a change since undone (a rule switched back on, a setting back at its default), is
            // dropped. A reason given to this builder for a change it does not make, or a key that names no setting,
            // rule or topic, is still refused by the policy's checks.
            Map<String, String> kept = new java.util.HashMap<>();
            Map<String, Number> shipped = DEFAULTS.numericSettings();
            Map<String, Number> mine = changes.numericSettings();
            (reasons == null ? Map.<String, String>of() : reasons).forEach((key, reason) -> {
                String what = key.substring(key.indexOf('.') + 1);
                boolean undone = key.startsWith("settings.") && shipped.containsKey(what)
                        ? shipped.get(what).equals(mine.get(what))
                        : key.startsWith("disabledRules.")
                                ? !changes.disabledRules().contains(what)
                                : key.startsWith("disabledTopics.")
                                        && !changes.disabledTopics().contains(what);
                if (!undone || given.contains(key)) {
                    kept.put(key, reason);
                }
            });
            return construct(kept);
        }

        private SitePolicy construct(Map<String, String> withReasons) {
            return new SitePolicy(
                    name,
                    medicationReviewMaxAgeDays,
                    preDoseBpWindowMinutes,
                    preDoseHoldSystolic,
                    preDoseHoldDiastolic,
                    severeSystolic,
                    severeDiastolic,
                    bpRecheckToleranceMinutes,
                    spo2Minimum,
                    respiratoryRateMinimum,
                    sedationWarningMoaas,
                    experiencePersistMinutes,
                    racemicFoodFastMinutes,
                    racemicFluidFastMinutes,
                    recentCardiovascularEventDays,
                    madrsRemissionMax,
                    worseningPercent,
                    earlyCourseSessions,
                    persistentWorseningAssessments,
                    nonResponsePercent,
                    relapseFollowUpDays,
                    heartRateMinimum,
                    heartRateMaximum,
                    sedationCriticalMoaas,
                    racemicIvDoseMinMgPerKg,
                    racemicIvDoseMaxMgPerKg,
                    maintenanceGraceDays,
                    dissociationCadssMargin,
                    phq9RelapseMin,
                    disabledRules,
                    indicatorOverrides,
                    disabledTopics,
                    localDrugs,
                    localConditions,
                    withReasons);
        }
    }
}
