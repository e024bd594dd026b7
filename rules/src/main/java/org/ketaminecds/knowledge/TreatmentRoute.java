package org.ketaminecds.knowledge;

import java.util.List;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;

/**
 * A derived fact: the route by which ketamine is given in this course, where the grade of an interaction depends on
 * it (pharmacokinetic interactions are large by mouth, small by other routes; evidence E-INT-INHIBITORS,
 * E-INT-INDUCERS). From today's session, else from the latest completed session that records one; absent when
 * neither does, and rules then take the larger (oral) effect and say so.
 *
 * @param route the route
 * @param basis where it comes from, in words
 * @since 0.2.0
 */
public record TreatmentRoute(Route route, String basis) {

    /** The course's route, or empty when no session records one. */
    public static List<TreatmentRoute> of(SessionContext c) {
        if (c.session() != null) {
            return List.of(new TreatmentRoute(c.session().route(), "today's session"));
        }
        PriorSession latest = null;
        for (PriorSession s : c.priorSessions()) {
            if (s.attendance() == Attendance.COMPLETED && s.route() != null && (latest == null || s.at().isAfter(latest.at()))) {
                latest = s;
            }
        }
        return latest == null ? List.of()
                : List.of(new TreatmentRoute(latest.route(), "the latest session (" + latest.at() + ")"));
    }

    /** The route in words, lower case ("intravenous"). */
    public String label() {
        return route.name().toLowerCase(java.util.Locale.ROOT);
    }
}
