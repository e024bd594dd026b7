package org.ketaminecds.knowledge;

/**
 * Numbers the course rules take from graded-H studies and rating-scale definitions (not from a product label, and not
 * site settings). Each names its row of the evidence table ({@code seeds/evidence.yaml}).
 *
 * @since 0.2.0
 */
public final class CourseEvidence {
    /** At least this much improvement (percent) is a response, in ketamine and esketamine trials (E-TRJ-RESPONSE). */
    public static final int RESPONSE_PERCENT = 50;
    /** PHQ-9 below this is remission (E-TRJ-REMISSION). */
    public static final int PHQ9_REMISSION_BELOW = 5;
    /** QIDS-SR16 at or below this is remission (STAR*D; E-TRJ-REMISSION). */
    public static final int QIDS_REMISSION_MAX = 5;
    /**
     * Esketamine adverse events are most frequent in the first week of a course and fall after it, though they stay
     * common (J Clin Psychiatry longitudinal analysis, n=928; E-ESK-AE-TIMECOURSE). Used for wording, not to judge.
     */
    public static final int ADVERSE_EVENTS_PEAK_DAYS = 7;
    /** Esketamine maintenance is weekly in weeks 5-8 (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_WEEKLY_INTERVAL_DAYS = 7;
    /** From week 9 esketamine maintenance may be every 2 weeks (SPRAVATO PI 2.2; E-ESK-SCHEDULE). */
    public static final int ESKETAMINE_LEAST_FREQUENT_INTERVAL_DAYS = 14;

    /**
     * After response or remission, a MADRS total at or above this on consecutive assessments is relapse (SUSTAIN-1,
     * Daly 2019 JAMA Psychiatry; E-TRJ-RELAPSE-MADRS).
     */
    public static final int MADRS_RELAPSE_MIN = 22;
    /** After response or remission, a QIDS-SR16 total at or above this is relapse (STAR*D; E-TRJ-RELAPSE-QIDS). */
    public static final int QIDS_RELAPSE_MIN = 11;
    /** Relapse is a rise confirmed on this many consecutive assessments (SUSTAIN-1; E-TRJ-RELAPSE-MADRS). */
    public static final int RELAPSE_CONSECUTIVE_ASSESSMENTS = 2;
    /** ... at least this many days apart (SUSTAIN-1: 5-15 days; E-TRJ-RELAPSE-MADRS). */
    public static final int RELAPSE_CONFIRMATION_MIN_DAYS = 5;
    /**
     * The esketamine induction is 8 doses over 4 weeks (twice weekly, SPRAVATO US PI 2.2); benefit is evaluated at its
     * end, at week 4 or the 8th session, whichever the record shows first (E-ESK-END-OF-INDUCTION).
     */
    public static final int ESKETAMINE_INDUCTION_SESSIONS = 8;
    /** A racemic-ketamine IV series is typically 6 infusions over 2-3 weeks (Murrough 2013; E-KET-IV-SERIES). */
    public static final int IV_SERIES_INFUSIONS = 6;

    /** MADRS item 10 at or above this: suicidal thoughts (anchor 2, fleeting; Montgomery and Asberg 1979; E-SCALE-MADRS-ITEM10). */
    public static final int MADRS_ITEM10_SUICIDAL_THOUGHTS = 2;
    /** MADRS item 10 at or above this: suicide considered a possible solution (anchor 4; E-SCALE-MADRS-ITEM10). */
    public static final int MADRS_ITEM10_SUICIDE_CONSIDERED = 4;

    /** An IV series is judged at infusion 4 (E-TRJ-EARLY-STOPPING, Transl Psychiatry 2024). */
    public static final int IV_JUDGED_AT_INFUSION = 4;
    /** Or earlier: three assessments without improvement through infusion 3 (E-TRJ-EARLY-STOPPING). */
    public static final int IV_EARLY_NON_IMPROVEMENT_ASSESSMENTS = 3;
    /** The early non-improvement rule looks at infusion 3 (E-TRJ-EARLY-STOPPING). */
    public static final int IV_EARLY_NON_IMPROVEMENT_INFUSION = 3;
    /** A trajectory needs a baseline and one later rating: two sessions at least (definition of a change). */
    public static final int TRAJECTORY_MIN_SESSIONS = 2;
    /** The same for ratings: an instrument is a trajectory from its second rating. */
    public static final int TRAJECTORY_MIN_ASSESSMENTS = 2;
    /** MADRS severity bands: 7-19 mild, 20-34 moderate, 35 and above severe (E-SCALE-MADRS). */
    public static final int MADRS_MILD = 7;

    public static final int MADRS_MODERATE = 20;
    public static final int MADRS_SEVERE = 35;
    /** PHQ-9 bands: 5 mild, 10 moderate, 15 moderately severe, 20 severe (E-SCALE-PHQ9). */
    public static final int PHQ9_MILD = 5;

    public static final int PHQ9_MODERATE = 10;
    public static final int PHQ9_MODERATELY_SEVERE = 15;
    public static final int PHQ9_SEVERE = 20;
    /** QIDS-SR16 bands: 6-10 mild, 11-15 moderate, 16-20 severe, 21-27 very severe (E-SCALE-QIDS). */
    public static final int QIDS_MILD = 6;

    public static final int QIDS_MODERATE = 11;
    public static final int QIDS_SEVERE = 16;
    public static final int QIDS_VERY_SEVERE = 21;

    private CourseEvidence() {}

    /** The highest possible total of PHQ-9 (E-SCALE-PHQ9), MADRS (E-SCALE-MADRS) and QIDS-SR16 (E-SCALE-QIDS). */
    public static final int PHQ9_SCALE_MAX = 27;

    public static final int MADRS_SCALE_MAX = 60;
    public static final int QIDS_SCALE_MAX = 27;
}
