package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;

/**
 * A challenging experience reported during or after the session.
 *
 * @param type what was experienced, required
 * @param intensity how intense, required
 * @param at when it started, required
 * @param resolvedAt when it resolved; absent = not (yet) resolved
 * @since 0.1.0
 */
public record ChallengingExperience(ExperienceType type, Intensity intensity, Instant at, Instant resolvedAt) {
    public ChallengingExperience {
        required("type", type);
        required("intensity", intensity);
        required("at", at);
        if (resolvedAt != null && resolvedAt.isBefore(at)) {
            throw new InvalidFactException("resolvedAt", "must not be before at (" + at + "), was " + resolvedAt);
        }
    }
}
