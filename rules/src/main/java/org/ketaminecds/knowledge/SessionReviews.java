package org.ketaminecds.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.policy.SitePolicy;

/**
 * Challenging experiences placed on the course's timeline for the challenging-experience rules. Computed from
 * {@code asOf} and recorded timestamps only; the abnormal vital signs that also make an experience unexpected are
 * derived facts of their own ({@link AbnormalVital}).
 *
 * @since 0.1.0
 */
public final class SessionReviews {
    private SessionReviews() {}

    /**
     * Each challenging experience judged against the expected pattern: mild or moderate, resolving within the site's
     * limit, at any point of the course (effects are most frequent in week 1 but stay common later, evidence
     * E-ESK-AE-TIMECOURSE). Whether vital signs are normal is judged by the rules from {@link AbnormalVital} facts;
     * severity, agitation, psychotic symptoms and suicidal thoughts have rules of their own.
     */
    public static List<ExperienceReview> experiences(SessionContext c, SitePolicy p) {
        if (c.experiences().isEmpty()) {
            return List.of();
        }
        Instant courseStart = SessionTimeline.courseStart(c);
        List<ExperienceReview> reviews = new ArrayList<>();
        for (ChallengingExperience e : c.experiences()) {
            boolean early = courseStart != null
                    && Duration.between(courseStart, e.at()).toDays() < CourseEvidence.ADVERSE_EVENTS_PEAK_DAYS;
            boolean resolved = e.resolvedAt() != null;
            long minutes = Duration.between(e.at(), resolved ? e.resolvedAt() : c.asOfInstant())
                    .toMinutes();
            boolean persisting = !resolved && minutes >= p.experiencePersistMinutes();
            reviews.add(new ExperienceReview(
                    e, e.at().atOffset(c.asOf().getOffset()).toLocalDate(), early, resolved, minutes, persisting));
        }
        return reviews;
    }
}
