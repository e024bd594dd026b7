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

    private LabelThresholds() {}
}
