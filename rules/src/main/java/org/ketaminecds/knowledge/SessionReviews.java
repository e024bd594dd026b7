package org.ketaminecds.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.SessionContext;

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
     * Each challenging experience placed on the course's timeline: its day of the course, whether it resolved, and for
     * how long it has gone on; values only. Whether it was early in the course or is persisting is decided by the rules
     * (EXP-002, EXP-003); whether vital signs are normal by the rules from {@link AbnormalVital} facts; severity,
     * agitation, psychotic symptoms and suicidal thoughts have rules of their own.
     */
    public static List<ExperienceReview> experiences(SessionContext c) {
        if (c.experiences().isEmpty()) {
            return List.of();
        }
        Instant courseStart = SessionTimeline.courseStart(c);
        List<ExperienceReview> reviews = new ArrayList<>();
        for (ChallengingExperience e : c.experiences()) {
            Long courseDay = courseStart == null
                    ? null
                    : Duration.between(courseStart, e.at()).toDays();
            boolean resolved = e.resolvedAt() != null;
            long minutes = Duration.between(e.at(), resolved ? e.resolvedAt() : c.asOfInstant())
                    .toMinutes();
            reviews.add(new ExperienceReview(
                    e,
                    e.at().atOffset(c.asOf().getOffset()).toLocalDate(),
                    courseDay,
                    false,
                    resolved,
                    minutes,
                    false));
        }
        return reviews;
    }
}
