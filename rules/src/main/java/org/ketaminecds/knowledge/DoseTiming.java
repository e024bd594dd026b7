package org.ketaminecds.knowledge;

import java.time.Instant;

/**
 * A derived fact: where the session stands in time.
 *
 * @param doseTime the recorded dose time, or the planned one (see {@link SessionTimeline#doseTime})
 * @param dosed whether the dose has been given
 * @param imminent not yet dosed, and the planned dose is within the site's pre-dose window from {@code asOf}
 * @param minutesSinceDose minutes from the dose to {@code asOf}, or -1 if not dosed
 * @since 0.1.0
 */
public record DoseTiming(Instant doseTime, boolean dosed, boolean imminent, long minutesSinceDose) {
    /** Dosed or about to be: the session-day checks apply. */
    public boolean sessionDay() {
        return dosed || imminent;
    }
}
