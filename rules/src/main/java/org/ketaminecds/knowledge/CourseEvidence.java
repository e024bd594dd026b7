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

    private CourseEvidence() {}

    /** The highest possible total of PHQ-9 (E-SCALE-PHQ9), MADRS (E-SCALE-MADRS) and QIDS-SR16 (E-SCALE-QIDS). */
    public static final int PHQ9_SCALE_MAX = 27;
    public static final int MADRS_SCALE_MAX = 60;
    public static final int QIDS_SCALE_MAX = 27;
}
