package org.ketaminecds.knowledge;

import java.time.Instant;
import java.util.List;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;

/**
 * A derived fact: where the course stands.
 *
 * <p>With a session today the course is seen from that session; without one (a chart review between sessions) it
 * is seen from {@code asOf}, with the product, route and phase of the latest completed session.
 *
 * @param start start of the course (earliest completed session, or this session if it is the first)
 * @param startDate the clinic's local date of the start
 * @param daysSinceStart calendar days (clinic dates) from the start to {@code asOf}
 * @param weekOfTreatment 1 + calendar days from the start to the current session's (planned) dose, or to
 *     {@code asOf} without a session today, divided by 7
 * @param sessionsCompleted completed prior sessions, plus this one if dosed
 * @param product product of the current session, else of the latest completed session
 * @param route route of the current session, else of the latest completed session (null if not recorded)
 * @param phase phase of the current session, else of the latest completed session; null if not recorded, until a
 *     classification rule derives it (then {@code phaseDerived})
 * @param lastSessionAt the most recent completed session (this one if dosed)
 * @param missed prior sessions recorded as missed or cancelled, in time order
 * @param sessionsThisWeek completed sessions in the current week of treatment, this one included when it is dosed
 *     or about to be
 * @param sessionToday whether a session is being given today (false: a review between sessions)
 * @param indication what the course treats, from today's session; null if not recorded
 * @param daysSinceLastSession whole calendar days (clinic dates) from the last completed session to {@code asOf}, or
 *     -1 if none is completed
 * @param phaseDerived whether the phase was not recorded but derived by a rule from the course (said on cards)
 * @param sessionsWithToday completed sessions plus today's session when it is not dosed yet (today's session counts
 *     once, dosed or about to be)
 * @param currentIntervalDays the interval the patient is on now, in calendar days: to the next session when one is booked,
 *     else the median of the three latest intervals between session days (today's included); null when neither exists
 * @since 0.1.0
 */
public record CourseProgress(
        Instant start,
        java.time.LocalDate startDate,
        long daysSinceStart,
        int weekOfTreatment,
        int sessionsCompleted,
        Product product,
        Route route,
        Phase phase,
        Instant lastSessionAt,
        List<Instant> missed,
        int sessionsThisWeek,
        boolean sessionToday,
        org.ketaminecds.fact.Indication indication,
        long daysSinceLastSession,
        boolean phaseDerived,
        int sessionsWithToday,
        Long currentIntervalDays) {

    public CourseProgress {
        missed = List.copyOf(missed);
    }

    /**
     * This progress with a phase the record did not give, derived by a classification rule.
     *
     * @param derived the derived phase
     * @return the same progress with that phase, marked as derived
     */
    public CourseProgress withDerivedPhase(Phase derived) {
        return new CourseProgress(
                start,
                startDate,
                daysSinceStart,
                weekOfTreatment,
                sessionsCompleted,
                product,
                route,
                derived,
                lastSessionAt,
                missed,
                sessionsThisWeek,
                sessionToday,
                indication,
                daysSinceLastSession,
                true,
                sessionsWithToday,
                currentIntervalDays);
    }

    /** A racemic-ketamine IV (or IM) series. */
    public boolean ivSeries() {
        return product == Product.RACEMIC_KETAMINE && (route == Route.INTRAVENOUS || route == Route.INTRAMUSCULAR);
    }

    /** Whether the course treats depression with acute suicidal ideation (the MDSI schedule). */
    public boolean suicidalIdeationIndication() {
        return indication == org.ketaminecds.fact.Indication.DEPRESSION_WITH_SUICIDAL_IDEATION;
    }

    /**
     * The esketamine maintenance interval after the last session: 7 days when it was in weeks 5-8, 14 days from week 9
     * (the least frequent the label allows; evidence E-ESK-SCHEDULE).
     */
    public int maintenanceIntervalDays() {
        long weekOfLast = lastSessionAt == null
                ? weekOfTreatment
                : java.time.temporal.ChronoUnit.DAYS.between(start, lastSessionAt) / 7 + 1;
        return weekOfLast <= LabelThresholds.ESKETAMINE_WEEKLY_UNTIL_WEEK
                ? CourseEvidence.ESKETAMINE_WEEKLY_INTERVAL_DAYS
                : CourseEvidence.ESKETAMINE_LEAST_FREQUENT_INTERVAL_DAYS;
    }

    /**
     * The label's maintenance interval nearest to the one the patient is on now ({@link #currentIntervalDays()}): 7
     * (weekly) or 14 (every 2 weeks); null when it is not known. Read from the history, not from the
     * week number, so a patient already every 2 weeks is not told to consider it (E-ESK-SCHEDULE).
     */
    public Integer currentLabelIntervalDays() {
        if (currentIntervalDays == null) {
            return null;
        }
        int weekly = CourseEvidence.ESKETAMINE_WEEKLY_INTERVAL_DAYS;
        int fortnightly = CourseEvidence.ESKETAMINE_LEAST_FREQUENT_INTERVAL_DAYS;
        return Math.abs(currentIntervalDays - weekly) <= Math.abs(currentIntervalDays - fortnightly)
                ? weekly
                : fortnightly;
    }

    /** Course start and sessions in words. */
    public String describe() {
        return "course started " + start + " (day " + daysSinceStart + ", week " + weekOfTreatment + "), "
                + sessionsCompleted + " session" + (sessionsCompleted == 1 ? "" : "s") + " completed"
                + (missed.isEmpty() ? "" : ", " + missed.size() + " missed")
                + (currentIntervalDays == null ? "" : ", current interval " + currentIntervalDays + " days")
                + (phaseDerived
                        ? "; phase not recorded, read as " + phase.name().toLowerCase(java.util.Locale.ROOT)
                        : "")
                + (sessionToday
                        ? ""
                        : "; no session today (last " + (lastSessionAt == null ? "none" : lastSessionAt) + ")");
    }
}
