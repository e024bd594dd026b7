package org.ketaminecds.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Time arithmetic for rules. Everything is relative to the evaluation's {@code asOf}; nothing reads the clock.
 *
 * @since 0.1.0
 */
public final class Periods {
    private Periods() {}

    /**
     * Calendar days from {@code earlier} to {@code asOf}, counted in the clinic's local dates (the offset of
     * {@code asOf}): something recorded yesterday evening is 1 day old this morning.
     */
    public static long calendarDaysBetween(Instant earlier, OffsetDateTime asOf) {
        return ChronoUnit.DAYS.between(earlier.atOffset(asOf.getOffset()).toLocalDate(), asOf.toLocalDate());
    }

    /** Whole minutes from {@code earlier} to {@code later} (negative if {@code later} is earlier). */
    public static long minutesBetween(Instant earlier, Instant later) {
        return Duration.between(earlier, later).toMinutes();
    }
}
