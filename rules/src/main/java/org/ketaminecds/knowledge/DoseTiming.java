package org.ketaminecds.knowledge;

import java.time.Instant;

/**
 * A derived fact: where the session stands in time. PRE-001 derives the values; {@code imminent} starts false and is
 * set by the classification rule PRE-003, whose conditions compare the time to the dose with the site's window.
 *
 * @param doseTime the recorded dose time, or the planned one (see {@link SessionTimeline#doseTime})
 * @param dosed whether the dose has been given
 * @param minutesToDose whole minutes from {@code asOf} to {@code doseTime} (negative once it has passed)
 * @param imminent not yet dosed, and the planned dose is within the site's pre-dose window from {@code asOf}; set by
 *     PRE-003
 * @param minutesSinceDose minutes from the dose to {@code asOf}, or -1 if not dosed
 * @since 0.1.0
 */
public record DoseTiming(Instant doseTime, boolean dosed, long minutesToDose, boolean imminent, long minutesSinceDose) {
    /** The same timing with {@code imminent} set: for PRE-003, whose conditions decide it. */
    public DoseTiming withImminent() {
        return new DoseTiming(doseTime, dosed, minutesToDose, true, minutesSinceDose);
    }

    /** Dosed or about to be: the session-day checks apply. */
    public boolean sessionDay() {
        return dosed || imminent;
    }
}
