package org.ketaminecds.service.store;

import java.time.Duration;
import java.util.Objects;
import org.ketaminecds.cds.Indicator;

/**
 * How long an overridden card is held back for the same patient, rule and facts, per indicator. No source gives
 * these periods: the defaults are local policy (info 7 days, warning 24 hours, critical never), and a site that holds
 * critical cards back must say why in writing ({@code criticalReason}), which the service logs at start.
 *
 * @param info how long an overridden info card is held back (zero: never)
 * @param warning the same for a warning card
 * @param critical the same for a critical card; more than zero only with {@code criticalReason}
 * @param criticalReason the site's written reason for holding critical cards back, or null
 */
public record SuppressionPolicy(Duration info, Duration warning, Duration critical, String criticalReason) {
    /**
     * The longest period a card may be held back: 90 days, a bound of this service, not a clinical number. An
     * override is a judgement about today's facts; after a quarter of a year the clinician sees the card again.
     */
    public static final Duration MAX_PERIOD = Duration.ofDays(90);

    /** Local policy defaults: info 7 days, warning 24 hours, critical never. */
    public static final SuppressionPolicy DEFAULTS =
            new SuppressionPolicy(Duration.ofDays(7), Duration.ofHours(24), Duration.ZERO, null);

    public SuppressionPolicy {
        for (Duration d : new Duration[] {info, warning, critical}) {
            Objects.requireNonNull(d, "suppression period");
            if (d.isNegative()) {
                throw new IllegalArgumentException("a suppression period cannot be negative, was " + d);
            }
            if (d.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("a suppression period is at most " + MAX_PERIOD.toDays()
                        + " days (a card held back longer is a card switched off for that patient), was " + d);
            }
        }
        if (!critical.isZero() && (criticalReason == null || criticalReason.isBlank())) {
            throw new IllegalArgumentException("holding critical cards back after an override needs the site's written "
                    + "reason (--suppress-critical-reason); critical cards are never held back by default");
        }
    }

    /** The period for a card of this indicator. */
    public Duration period(Indicator indicator) {
        return switch (indicator) {
            case INFO -> info;
            case WARNING -> warning;
            case CRITICAL -> critical;
        };
    }
}
