package org.ketaminecds.knowledge;

import java.util.Locale;
import java.util.Objects;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.ExperienceType;
import org.ketaminecds.fact.Intensity;

/**
 * A derived fact: one challenging experience placed on the course's timeline. EXP-001 derives the values; the
 * verdicts {@code early} and {@code persisting} start false and are set by the classification rules EXP-002 and EXP-003,
 * whose conditions state each comparison (the fact is replaced by a copy with the verdict set).
 *
 * @param experience the experience reported
 * @param day the clinic's local date of the experience (in the offset of {@code asOf})
 * @param courseDay whole days from the course's start to the experience (0 on the first day), or null when the course
 *     start is not known
 * @param early whether it happened in the first week of the course (when such effects are most frequent; they stay
 *     common later, so this shapes the wording, not the judgement); set by EXP-002
 * @param resolved whether it has resolved
 * @param minutesOngoing minutes from its start to its resolution, or to {@code asOf} if unresolved
 * @param persisting unresolved for at least the site's limit; set by EXP-003
 * @since 0.1.0
 */
public record ExperienceReview(
        ChallengingExperience experience,
        java.time.LocalDate day,
        Long courseDay,
        boolean early,
        boolean resolved,
        long minutesOngoing,
        boolean persisting) {

    public ExperienceReview {
        Objects.requireNonNull(experience, "experience");
    }

    /** The same review with {@code early} set: for EXP-002, whose conditions decide it. */
    public ExperienceReview withEarly() {
        return new ExperienceReview(experience, day, courseDay, true, resolved, minutesOngoing, persisting);
    }

    /** The same review with {@code persisting} set: for EXP-003, whose conditions decide it. */
    public ExperienceReview withPersisting() {
        return new ExperienceReview(experience, day, courseDay, early, resolved, minutesOngoing, true);
    }

    /** The kinds the seed article describes as usually transient under supervision. */
    public boolean typical() {
        ExperienceType t = experience.type();
        return t != ExperienceType.AGITATION
                && t != ExperienceType.PSYCHOTIC_SYMPTOMS
                && t != ExperienceType.SUICIDAL_THOUGHTS;
    }

    public ExperienceType type() {
        return experience.type();
    }

    public Intensity intensity() {
        return experience.intensity();
    }

    /** "anxiety", "heightened emotion" */
    public String what() {
        return experience.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Identifies the experience within an evaluation. */
    public String key() {
        return experience.type() + "@" + experience.at();
    }

    /** The experience in words: "anxiety, moderate, from 2026-03-02T14:58:00Z, resolved after 17 min". */
    public String fact() {
        return what() + ", " + experience.intensity().name().toLowerCase(Locale.ROOT) + ", from " + experience.at()
                + (resolved
                        ? ", resolved after " + minutesOngoing + " min"
                        : ", unresolved after " + minutesOngoing + " min");
    }
}
