package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.positive;
import static org.ketaminecds.fact.Checks.required;

/**
 * A ketamine dose. The bounds are plausibility limits that catch unit mix-ups, not clinical limits: more than 0
 * and at most 1000 mg, or at most 10 mg/kg.
 *
 * @since 0.1.0
 */
public record SessionDose(
        @com.fasterxml.jackson.annotation.JsonProperty(required = true)
        double value,

        DoseUnit unit) {
    public SessionDose {
        required("unit", unit);
        positive("value", value, unit == DoseUnit.MG ? 1000 : 10, unit == DoseUnit.MG ? "mg" : "mg/kg");
    }

    @Override
    public String toString() {
        String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return v + (unit == DoseUnit.MG ? " mg" : " mg/kg");
    }
}
