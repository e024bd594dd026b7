package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.requiredText;

/**
 * A value with a unit as entered (UCUM where possible, e.g. {@code mg}). The value is at least 0 and at most
 * {@value #MAX_VALUE} (large enough for international units, small enough to catch a typing or unit error).
 *
 * @since 0.1.0
 */
public record Quantity(
        @com.fasterxml.jackson.annotation.JsonProperty(required = true)
        double value,

        String unit) {
    /** Largest value accepted. */
    public static final double MAX_VALUE = 10_000_000;

    public Quantity {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || value > MAX_VALUE) {
            throw new InvalidFactException("value", "must be a finite number from 0 to 10,000,000, was " + value);
        }
        requiredText("unit", unit);
    }

    @Override
    public String toString() {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
        return v + " " + unit;
    }
}
