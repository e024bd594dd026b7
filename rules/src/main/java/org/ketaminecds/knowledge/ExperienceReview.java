package org.ketaminecds.knowledge;

import java.util.Locale;
import java.util.Objects;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.ExperienceType;
import org.ketaminecds.fact.Intensity;

/**
 * A derived fact: one challenging experience judged against what is expected.
 *
 * @param experience the experience reported
 * @param day the clinic's local date of the experience (in the offset of {@code asOf})
 * @param early whether it happened in the first week of the course (when such effects are most frequent; they stay
 *     common later, so this shapes the wording, not the judgement)
 * @param resolved whether it has resolved
 * @param minutesOngoing minutes from its start to its resolution, or to {@code asOf} if unresolved
 * @param persisting unresolved for longer than the site's limit
 * @since 0.1.0
 */
public record ExperienceReview(
        ChallengingExperience experience,
        java.time.LocalDate day,
        boolean early,
        boolean resolved,
        long minutesOngoing,
        boolean persisting) {

    public ExperienceReview {
        Objects.requireNonNull(experience, "experience");
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
