package org.ketaminecds.knowledge;

import java.time.Instant;
import java.util.List;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;

/**
 * A derived fact: where the course stands.
 *
 * @param start start of the course (earliest completed session, or this session if it is the first)
 * @param startDate the clinic's local date of the start
 * @param daysSinceStart calendar days (clinic dates) from the start to {@code asOf}
 * @param weekOfTreatment 1 + calendar days from the start to the current session's (planned) dose, divided by 7
 * @param sessionsCompleted completed prior sessions, plus this one if dosed
 * @param product product of the current session
 * @param route route of the current session
 * @param phase phase of the current session
 * @param lastSessionAt the most recent completed session (this one if dosed)
 * @param missed prior sessions recorded as missed or cancelled, in time order
 * @param sessionsThisWeek completed sessions in the current week of treatment, this one included when it is dosed
 *     or about to be
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
        int sessionsThisWeek) {

    public CourseProgress {
        missed = List.copyOf(missed);
    }

    /** A racemic-ketamine IV (or IM) series. */
    public boolean ivSeries() {
        return product == Product.RACEMIC_KETAMINE && (route == Route.INTRAVENOUS || route == Route.INTRAMUSCULAR);
    }

    /** Course start and sessions in words. */
    public String describe() {
        return "course started " + start + " (day " + daysSinceStart + ", week " + weekOfTreatment + "), "
                + sessionsCompleted + " session" + (sessionsCompleted == 1 ? "" : "s") + " completed"
                + (missed.isEmpty() ? "" : ", " + missed.size() + " missed");
    }
}
