package org.ketaminecds.policy;

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
 * <p>The numeric settings (from {@code medicationReviewMaxAgeDays} to {@code phq9RelapseMin}) are described, one row
 * each, by {@link PolicySetting}: topic, shipped default, the range a site may set, unit, evidence rows and the basis
 * of the default. That table validates them and gives their defaults; the README's table is generated from it.
 *
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

    /** The numeric settings' names, in the order of the record's components. */
    private static final java.util.List<String> SETTING_NAMES =
            PolicySetting.all().stream().map(PolicySetting::key).toList();

    /** The shipped defaults: every setting at {@link PolicySetting#shipped()}, nothing switched off or added. */
    private static final SitePolicy DEFAULTS = new Builder().build();

    public SitePolicy {
        requiredText("name", name);
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
        for (int i = 0; i < values.length; i++) {
            PolicySetting.all().get(i).check(values[i]);
        }
        if (sedationCriticalMoaas >= sedationWarningMoaas) {
            throw new org.ketaminecds.fact.InvalidFactException(
                    "sedationCriticalMoaas",
                    "must be below sedationWarningMoaas (" + sedationWarningMoaas + "), was " + sedationCriticalMoaas);
        }
        java.util.List<String> names = SETTING_NAMES;
        for (Map.Entry<String, String> r : reasons.entrySet()) {
            requiredText("reasons." + r.getKey(), r.getValue());
            String key = r.getKey();
            String what = key.substring(key.indexOf('.') + 1);
            boolean known = key.startsWith("settings.")
                    ? names.contains(what)
                            && !PolicySetting.all()
                                    .get(names.indexOf(what))
                                    .shipped()
                                    .equals(values[names.indexOf(what)])
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
        PolicySetting.all().forEach(setting -> m.put(setting.key(), setting.of(p)));
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
        /** The numeric settings, by {@link PolicySetting} ordinal. */
        private final Number[] values = new Number[PolicySetting.all().size()];

        private Set<String> disabledRules;
        private Map<String, IndicatorOverride> indicatorOverrides;
        private Set<String> disabledTopics;
        private java.util.List<org.ketaminecds.policy.LocalDrug> localDrugs;
        private java.util.List<org.ketaminecds.policy.LocalCondition> localConditions;
        private Map<String, String> reasons;
        /** The reason keys given to this builder (not carried over from the policy it started from). */
        private final Set<String> given = new java.util.HashSet<>();

        /** The shipped defaults, from the settings table. */
        private Builder() {
            name = DEFAULT_NAME;
            PolicySetting.all().forEach(setting -> values[setting.ordinal()] = setting.shipped());
            disabledRules = Set.of();
            indicatorOverrides = Map.of();
            disabledTopics = Set.of();
            localDrugs = java.util.List.of();
            localConditions = java.util.List.of();
            reasons = Map.of();
        }

        private Builder set(PolicySetting setting, Number value) {
            values[setting.ordinal()] = value;
            return this;
        }

        /**
         * Sets a numeric setting by its row of the settings table, as a policy file does; checked, like every
         * setting, by {@link #build()}.
         *
         * @param setting the setting
         * @param value its value: a whole number unless the setting takes decimals
         * @return this builder
         * @throws IllegalArgumentException naming the setting, for a fraction given to a whole-number setting
         */
        public Builder setting(PolicySetting setting, Number value) {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(value, setting.key());
            if (setting.decimal()) {
                return set(setting, value.doubleValue());
            }
            if (value.doubleValue() != Math.rint(value.doubleValue())) {
                throw new IllegalArgumentException(setting.key() + ": must be a whole number, was " + value);
            }
            return set(setting, value.intValue());
        }

        private int whole(PolicySetting setting) {
            return values[setting.ordinal()].intValue();
        }

        private double decimal(PolicySetting setting) {
            return values[setting.ordinal()].doubleValue();
        }

        private Builder(SitePolicy p) {
            Objects.requireNonNull(p, "policy");
            name = p.name;
            PolicySetting.all().forEach(setting -> values[setting.ordinal()] = setting.of(p));

            disabledRules = p.disabledRules;
            indicatorOverrides = p.indicatorOverrides;
            disabledTopics = p.disabledTopics;
            localDrugs = p.localDrugs;
            localConditions = p.localConditions;
            reasons = p.reasons;
        }

        // ---- Identity

        /** The policy's name, shown on every result. */
        public Builder name(String v) {
            name = v;
            return this;
        }

        // ---- Medication review

        /** {@link PolicySetting#MEDICATION_REVIEW_MAX_AGE_DAYS}: how long a medication reconciliation stays current. */
        public Builder medicationReviewMaxAgeDays(int v) {
            return set(PolicySetting.MEDICATION_REVIEW_MAX_AGE_DAYS, v);
        }

        // ---- Blood pressure before and after the dose

        /** How long before the dose a reading counts as pre-dose ({@link PolicySetting#PRE_DOSE_BP_WINDOW_MINUTES}). */
        public Builder preDoseBpWindowMinutes(int v) {
            return set(PolicySetting.PRE_DOSE_BP_WINDOW_MINUTES, v);
        }

        /** Pre-dose systolic at which the dose is held ({@link PolicySetting#PRE_DOSE_HOLD_SYSTOLIC}). */
        public Builder preDoseHoldSystolic(int v) {
            return set(PolicySetting.PRE_DOSE_HOLD_SYSTOLIC, v);
        }

        /** Pre-dose diastolic at which the dose is held ({@link PolicySetting#PRE_DOSE_HOLD_DIASTOLIC}). */
        public Builder preDoseHoldDiastolic(int v) {
            return set(PolicySetting.PRE_DOSE_HOLD_DIASTOLIC, v);
        }

        /** Systolic after the dose that is severe hypertension ({@link PolicySetting#SEVERE_SYSTOLIC}). */
        public Builder severeSystolic(int v) {
            return set(PolicySetting.SEVERE_SYSTOLIC, v);
        }

        /** Diastolic after the dose that is severe hypertension ({@link PolicySetting#SEVERE_DIASTOLIC}). */
        public Builder severeDiastolic(int v) {
            return set(PolicySetting.SEVERE_DIASTOLIC, v);
        }

        /**
         * How early a reading still counts as the ~40-minute re-check ({@link PolicySetting#BP_RECHECK_TOLERANCE_MINUTES}).
         */
        public Builder bpRecheckToleranceMinutes(int v) {
            return set(PolicySetting.BP_RECHECK_TOLERANCE_MINUTES, v);
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

        /** Oxygen saturation below which a reading is critical ({@link PolicySetting#SPO2_MINIMUM}). */
        public Builder spo2Minimum(int v) {
            return set(PolicySetting.SPO2_MINIMUM, v);
        }

        /** Respiratory rate below which a reading is critical ({@link PolicySetting#RESPIRATORY_RATE_MINIMUM}). */
        public Builder respiratoryRateMinimum(int v) {
            return set(PolicySetting.RESPIRATORY_RATE_MINIMUM, v);
        }

        /** MOAA/S at or below which sedation is deeper than allowed ({@link PolicySetting#SEDATION_WARNING_MOAAS}). */
        public Builder sedationWarningMoaas(int v) {
            return set(PolicySetting.SEDATION_WARNING_MOAAS, v);
        }

        /** MOAA/S at or below which sedation is critical ({@link PolicySetting#SEDATION_CRITICAL_MOAAS}). */
        public Builder sedationCriticalMoaas(int v) {
            return set(PolicySetting.SEDATION_CRITICAL_MOAAS, v);
        }

        /** Heart rate after the dose below which it is bradycardia ({@link PolicySetting#HEART_RATE_MINIMUM}). */
        public Builder heartRateMinimum(int v) {
            return set(PolicySetting.HEART_RATE_MINIMUM, v);
        }

        /** Heart rate after the dose at or above which it is tachycardia ({@link PolicySetting#HEART_RATE_MAXIMUM}). */
        public Builder heartRateMaximum(int v) {
            return set(PolicySetting.HEART_RATE_MAXIMUM, v);
        }

        /**
         * Minutes after which an unresolved challenging experience persists ({@link PolicySetting#EXPERIENCE_PERSIST_MINUTES}).
         */
        public Builder experiencePersistMinutes(int v) {
            return set(PolicySetting.EXPERIENCE_PERSIST_MINUTES, v);
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

        /** Minimum fast from food before racemic ketamine ({@link PolicySetting#RACEMIC_FOOD_FAST_MINUTES}). */
        public Builder racemicFoodFastMinutes(int v) {
            return set(PolicySetting.RACEMIC_FOOD_FAST_MINUTES, v);
        }

        /** Minimum fast from liquids before racemic ketamine ({@link PolicySetting#RACEMIC_FLUID_FAST_MINUTES}). */
        public Builder racemicFluidFastMinutes(int v) {
            return set(PolicySetting.RACEMIC_FLUID_FAST_MINUTES, v);
        }

        /**
         * How recent a cardiovascular event counts as recent ({@link PolicySetting#RECENT_CARDIOVASCULAR_EVENT_DAYS}).
         */
        public Builder recentCardiovascularEventDays(int v) {
            return set(PolicySetting.RECENT_CARDIOVASCULAR_EVENT_DAYS, v);
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

        /** MADRS total at or below which a patient is in remission ({@link PolicySetting#MADRS_REMISSION_MAX}). */
        public Builder madrsRemissionMax(int v) {
            return set(PolicySetting.MADRS_REMISSION_MAX, v);
        }

        /** Rise from baseline that counts as significant worsening ({@link PolicySetting#WORSENING_PERCENT}). */
        public Builder worseningPercent(int v) {
            return set(PolicySetting.WORSENING_PERCENT, v);
        }

        /** Sessions within which a modest rise is early ({@link PolicySetting#EARLY_COURSE_SESSIONS}). */
        public Builder earlyCourseSessions(int v) {
            return set(PolicySetting.EARLY_COURSE_SESSIONS, v);
        }

        /**
         * Consecutive worse assessments that make worsening persistent ({@link PolicySetting#PERSISTENT_WORSENING_ASSESSMENTS}).
         */
        public Builder persistentWorseningAssessments(int v) {
            return set(PolicySetting.PERSISTENT_WORSENING_ASSESSMENTS, v);
        }

        /** Improvement below which an IV series is not improving ({@link PolicySetting#NON_RESPONSE_PERCENT}). */
        public Builder nonResponsePercent(int v) {
            return set(PolicySetting.NON_RESPONSE_PERCENT, v);
        }

        /**
         * Days after a responding IV series by which a follow-up is due ({@link PolicySetting#RELAPSE_FOLLOW_UP_DAYS}).
         */
        public Builder relapseFollowUpDays(int v) {
            return set(PolicySetting.RELAPSE_FOLLOW_UP_DAYS, v);
        }

        /**
         * Days past the maintenance interval before a session is overdue ({@link PolicySetting#MAINTENANCE_GRACE_DAYS}).
         */
        public Builder maintenanceGraceDays(int v) {
            return set(PolicySetting.MAINTENANCE_GRACE_DAYS, v);
        }

        // ---- Dosing

        /**
         * Lowest IV racemic-ketamine dose of the studied range ({@link PolicySetting#RACEMIC_IV_DOSE_MIN_MG_PER_KG}).
         */
        public Builder racemicIvDoseMinMgPerKg(double v) {
            return set(PolicySetting.RACEMIC_IV_DOSE_MIN_MG_PER_KG, v);
        }

        /**
         * Highest IV racemic-ketamine dose of the studied range ({@link PolicySetting#RACEMIC_IV_DOSE_MAX_MG_PER_KG}).
         */
        public Builder racemicIvDoseMaxMgPerKg(double v) {
            return set(PolicySetting.RACEMIC_IV_DOSE_MAX_MG_PER_KG, v);
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
         * CADSS points above the pre-dose score within which dissociation counts as resolved ({@link PolicySetting#DISSOCIATION_CADSS_MARGIN}).
         */
        public Builder dissociationCadssMargin(int v) {
            return set(PolicySetting.DISSOCIATION_CADSS_MARGIN, v);
        }

        /**
         * PHQ-9 total at or above which a rise after response or remission is relapse ({@link PolicySetting#PHQ9_RELAPSE_MIN}).
         */
        public Builder phq9RelapseMin(int v) {
            return set(PolicySetting.PHQ9_RELAPSE_MIN, v);
        }

        // ---- Switches, overrides and local additions

        /** Recommendation rules switched off. */
        public Builder disabledRules(Set<String> v) {
            disabledRules = v;
            return this;
        }

        /** Per rule, a different indicator with the written reason. */
        public Builder indicatorOverrides(Map<String, IndicatorOverride> v) {
            indicatorOverrides = v;
            return this;
        }

        /** Card topics switched off. */
        public Builder disabledTopics(Set<String> v) {
            disabledTopics = v;
            return this;
        }

        /** The site's additions to the drug-class table. */
        public Builder localDrugs(java.util.List<org.ketaminecds.policy.LocalDrug> v) {
            localDrugs = v;
            return this;
        }

        /** The site's additions to the condition-code table. */
        public Builder localConditions(java.util.List<org.ketaminecds.policy.LocalCondition> v) {
            localConditions = v;
            return this;
        }

        /** The written reasons, by change key (replaces them all). */
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
            Map<String, Number> shipped = new java.util.HashMap<>();
            PolicySetting.all().forEach(setting -> shipped.put(setting.key(), setting.shipped()));
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
                    whole(PolicySetting.MEDICATION_REVIEW_MAX_AGE_DAYS),
                    whole(PolicySetting.PRE_DOSE_BP_WINDOW_MINUTES),
                    whole(PolicySetting.PRE_DOSE_HOLD_SYSTOLIC),
                    whole(PolicySetting.PRE_DOSE_HOLD_DIASTOLIC),
                    whole(PolicySetting.SEVERE_SYSTOLIC),
                    whole(PolicySetting.SEVERE_DIASTOLIC),
                    whole(PolicySetting.BP_RECHECK_TOLERANCE_MINUTES),
                    whole(PolicySetting.SPO2_MINIMUM),
                    whole(PolicySetting.RESPIRATORY_RATE_MINIMUM),
                    whole(PolicySetting.SEDATION_WARNING_MOAAS),
                    whole(PolicySetting.EXPERIENCE_PERSIST_MINUTES),
                    whole(PolicySetting.RACEMIC_FOOD_FAST_MINUTES),
                    whole(PolicySetting.RACEMIC_FLUID_FAST_MINUTES),
                    whole(PolicySetting.RECENT_CARDIOVASCULAR_EVENT_DAYS),
                    whole(PolicySetting.MADRS_REMISSION_MAX),
                    whole(PolicySetting.WORSENING_PERCENT),
                    whole(PolicySetting.EARLY_COURSE_SESSIONS),
                    whole(PolicySetting.PERSISTENT_WORSENING_ASSESSMENTS),
                    whole(PolicySetting.NON_RESPONSE_PERCENT),
                    whole(PolicySetting.RELAPSE_FOLLOW_UP_DAYS),
                    whole(PolicySetting.HEART_RATE_MINIMUM),
                    whole(PolicySetting.HEART_RATE_MAXIMUM),
                    whole(PolicySetting.SEDATION_CRITICAL_MOAAS),
                    decimal(PolicySetting.RACEMIC_IV_DOSE_MIN_MG_PER_KG),
                    decimal(PolicySetting.RACEMIC_IV_DOSE_MAX_MG_PER_KG),
                    whole(PolicySetting.MAINTENANCE_GRACE_DAYS),
                    whole(PolicySetting.DISSOCIATION_CADSS_MARGIN),
                    whole(PolicySetting.PHQ9_RELAPSE_MIN),
                    disabledRules,
                    indicatorOverrides,
                    disabledTopics,
                    localDrugs,
                    localConditions,
                    withReasons);
        }
    }
}
