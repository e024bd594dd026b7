package org.ketaminecds.knowledge;

/**
 * Numbers the rules take from the product labels, the REMS and the MOAA/S scale (evidence E-ESK-BP-BEFORE,
 * E-ESK-BP-AFTER, E-ESK-BP-RISE, E-ESK-FASTING, E-ESK-NASAL-PRODUCTS, E-ESK-MONITORING, E-SCALE-MOAAS). They are facts,
 * not site settings; site-adjustable numbers are in {@link org.ketaminecds.policy.SitePolicy}, and numbers from studies are
 * in {@link CourseEvidence}.
 *
 * @since 0.1.0
 */
public final class LabelThresholds {
    /** Pre-dose systolic above which the prescriber weighs the short-term BP rise (SPRAVATO PI; "e.g. SBP &gt;140"). */
    public static final int PRE_DOSE_SYSTOLIC_LIMIT = 140;
    /** Pre-dose diastolic above which the prescriber weighs the BP rise (SPRAVATO PI; "DBP &gt;90"). */
    public static final int PRE_DOSE_DIASTOLIC_LIMIT = 90;
    /** Minutes after an esketamine dose at which BP is re-checked; BP peaks about then (SPRAVATO PI). */
    public static final int BP_RECHECK_MINUTES = 40;
    /** A systolic rise of at least this much from pre-dose is notable (SPRAVATO PI: SBP rise &gt;=40 mmHg). */
    public static final int SYSTOLIC_RISE = 40;
    /** A diastolic rise of at least this much from pre-dose is notable (SPRAVATO PI: DBP rise &gt;=25 mmHg). */
    public static final int DIASTOLIC_RISE = 25;
    /** No food for at least this many minutes before esketamine (SPRAVATO PI, PDR). */
    public static final int ESKETAMINE_FOOD_FAST_MINUTES = 120;
    /** No liquids for at least this many minutes before esketamine (SPRAVATO PI, PDR). */
    public static final int ESKETAMINE_FLUID_FAST_MINUTES = 30;
    /** A nasal corticosteroid or decongestant is given at least this long before esketamine (SPRAVATO PI). */
    public static final int NASAL_PRODUCT_MINUTES = 60;
    /** Minimum monitoring after each esketamine dose (boxed warning, REMS). */
    public static final int ESKETAMINE_MONITORING_MINUTES = 120;
    /** MOAA/S 0: no response to a painful trapezius squeeze (loss of consciousness, SPRAVATO PI 5.1). */
    public static final int MOAAS_NO_RESPONSE = 0;
    /** MOAA/S 5: responds readily to name spoken in normal tone (fully alert). */
    public static final int MOAAS_ALERT = 5;

    /** Induction is twice weekly in weeks 1-4 (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_INDUCTION_WEEKS = 4;
    /** At most this many esketamine sessions a week in induction (twice weekly; SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_INDUCTION_SESSIONS_PER_WEEK = 2;
    /** At most this many a week from week 5 (weekly, then every 2 weeks; SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_MAINTENANCE_SESSIONS_PER_WEEK = 1;
    /** Weekly maintenance starts in week 5 (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_WEEKLY_FROM_WEEK = 5;
    /** Weekly maintenance runs through week 8 (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_WEEKLY_UNTIL_WEEK = 8;
    /** From week 9 the least frequent dosing that keeps the response (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_LEAST_FREQUENT_FROM_WEEK = 9;
    /** Milligrams per esketamine nasal-spray device (SPRAVATO PI; E-ESK-DEVICE). */
    public static final int ESKETAMINE_DEVICE_MG = 28;
    /** The usual esketamine doses, mg (SPRAVATO PI 2.2; E-ESK-SCHEDULE, E-ESK-MDSI-DOSE). */
    public static final int ESKETAMINE_DOSE_56_MG = 56;

    public static final int ESKETAMINE_DOSE_84_MG = 84;
    /** Age from which the EU label starts esketamine at 28 mg (E-ESK-ELDERLY-EU). */
    public static final int ESKETAMINE_OLDER_ADULT_AGE = 65;
    /** Two or more CNS depressants with ketamine make one combined card (SPRAVATO PI 7.1; E-ESK-INT-CNS-DEPRESSANTS). */
    public static final int CNS_DEPRESSANTS_COMBINED = 2;

    private LabelThresholds() {}
}
