package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.atLeastOne;
import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;

/**
 * One set of vital signs taken at one time. Any subset may be present, but at least one value. Values are decimals as
 * recorded (an averaged SpO2 of 91.5% is not rounded to 92, which would cross a threshold). Ranges reject values that
 * cannot be physiological (they catch unit and typing errors, they are not alert thresholds): systolic 40-300 mmHg,
 * diastolic 10-250 mmHg and below systolic, heart rate 10-300/min, SpO2 0-100 %, respiratory rate 0-100/min. Blood
 * pressure needs both numbers.
 *
 * @since 0.1.0
 */
public record VitalSigns(
        Instant at, Double systolic, Double diastolic, Double heartRate, Double spo2, Double respiratoryRate) {
    public VitalSigns {
        required("at", at);
        atLeastOne(
                "systolic, diastolic, heartRate, spo2, respiratoryRate",
                systolic,
                diastolic,
                heartRate,
                spo2,
                respiratoryRate);
        range("systolic", systolic, 40.0, 300.0, "mmHg");
        range("diastolic", diastolic, 10.0, 250.0, "mmHg");
        range("heartRate", heartRate, 10.0, 300.0, "/min");
        range("spo2", spo2, 0.0, 100.0, "%");
        range("respiratoryRate", respiratoryRate, 0.0, 100.0, "/min");
        if ((systolic == null) != (diastolic == null)) {
            throw new InvalidFactException(
                    systolic == null ? "systolic" : "diastolic",
                    "is required when " + (systolic == null ? "diastolic" : "systolic")
                            + " is given (blood pressure needs both)");
        }
        if (systolic != null && diastolic >= systolic) {
            throw new InvalidFactException(
                    "diastolic",
                    "must be below systolic (" + org.ketaminecds.fact.Numbers.plain(systolic) + " mmHg), was "
                            + org.ketaminecds.fact.Numbers.plain(diastolic) + " mmHg");
        }
    }

    /** Whole-number readings, as most devices record them. */
    public VitalSigns(
            Instant at, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate) {
        this(at, d(systolic), d(diastolic), d(heartRate), d(spo2), d(respiratoryRate));
    }

    private static Double d(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    /** True if this reading carries a blood pressure. */
    public boolean hasBloodPressure() {
        return systolic != null;
    }
}
