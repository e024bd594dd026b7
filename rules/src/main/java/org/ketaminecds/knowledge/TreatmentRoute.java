package org.ketaminecds.knowledge;

import java.util.List;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;

/**
 * A derived fact: the route by which ketamine is given in this course, where the grade of an interaction depends on
 * it (pharmacokinetic interactions are large by mouth, small by other routes; evidence E-INT-INHIBITORS,
 * E-INT-INDUCERS). From today's session, else from the latest completed session that records one; when neither does
 * the route is unknown and rules take the larger (oral) effect and say so.
 *
 * @param route the route, or null when no session records one
 * @param basis where it comes from, in words
 * @since 0.2.0
 */
public record TreatmentRoute(Route route, String basis) {

    /**
     * The course's route (unknown when no session records one).
     *
     * @param c the session context
     * @return one route fact (unknown when no session records a route)
     */
    public static List<TreatmentRoute> of(SessionContext c) {
        if (c.session() != null) {
            return List.of(new TreatmentRoute(c.session().route(), "today's session"));
        }
        PriorSession latest = null;
        for (PriorSession s : c.priorSessions()) {
            if (s.attendance() == Attendance.COMPLETED
                    && s.route() != null
                    && (latest == null || s.at().isAfter(latest.at()))) {
                latest = s;
            }
        }
        return latest == null
                ? List.of(new TreatmentRoute(null, "no session records a route"))
                : List.of(new TreatmentRoute(latest.route(), "the latest session (" + latest.at() + ")"));
    }

    /**
     * By mouth, or not recorded: the pharmacokinetic interactions are taken at their larger (oral) size.
     *
     * @return whether the route is oral or not recorded
     */
    public boolean oralOrUnknown() {
        return route == null || route == Route.ORAL;
    }

    /**
     * A recorded route other than by mouth (IV, IM, intranasal): the pharmacokinetic interactions are small.
     *
     * @return whether a non-oral route is recorded
     */
    public boolean nonOral() {
        return !oralOrUnknown();
    }

    /**
     * The route in words, lower case ("intravenous"), or "not recorded".
     *
     * @return the route in words
     */
    public String label() {
        return route == null ? "not recorded" : route.name().toLowerCase(java.util.Locale.ROOT);
    }
}
