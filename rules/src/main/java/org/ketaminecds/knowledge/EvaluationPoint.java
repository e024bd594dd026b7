package org.ketaminecds.knowledge;

import java.util.Objects;

/**
 * A derived fact: the course has reached the point at which the label or the references evaluate its benefit (the end
 * of esketamine induction: week 4 or the 8th session, whichever the record shows first; the end of a racemic IV
 * series: its 6th infusion). Classified by rules TRJ-008 and TRJ-009; "improving slowly" belongs before it only.
 *
 * @param progress where the course stands
 * @param reachedBy what the record shows, in words: "8 sessions, week 4", "week 5 of treatment, 6 sessions"
 * @since 0.5.0
 */
public record EvaluationPoint(CourseProgress progress, String reachedBy) {
    public EvaluationPoint {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(reachedBy, "reachedBy");
    }

    /**
     * The point in words.
     *
     * @param progress where the course stands
     * @param sessions the session count that reaches the point
     * @return "8 sessions, week 4"
     */
    public static String words(CourseProgress progress, int sessions) {
        return progress.sessionsWithToday() >= sessions
                ? progress.sessionsWithToday() + " sessions, week " + progress.weekOfTreatment()
                : "week " + progress.weekOfTreatment() + " of treatment, " + progress.sessionsWithToday() + " sessions";
    }
}
