package org.ketaminecds.fact;

import static org.ketaminecds.internal.Checks.requiredText;

import org.ketaminecds.InvalidFactException;

/**
 * A value with a unit as entered (UCUM where possible, e.g. {@code mg}).
 *
 * @since 0.1.0
 */
public record Quantity(@com.fasterxml.jackson.annotation.JsonProperty(required = true) double value, String unit) {
    public Quantity {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new InvalidFactException("value", "must be a finite number of at least 0, was " + value);
        }
        requiredText("unit", unit);
    }

    @Override
    public String toString() {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        return v + " " + unit;
    }
}
