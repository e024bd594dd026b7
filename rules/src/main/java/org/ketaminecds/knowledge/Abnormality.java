package org.ketaminecds.knowledge;

/**
 * What is abnormal about a vital sign or the sedation level after the dose, in the order the cards list them. Each
 * kind is derived once by a monitoring classification rule (MON-003 to MON-009) from the site's limits and the label's
 * rise thresholds; the monitoring and challenging-experience rules read the derived facts (the discharge criteria judge
 * the latest values instead: recovery, not the worst moment).
 *
 * @since 0.4.0
 */
public enum Abnormality {
    /** Oxygen saturation below the site's minimum. */
    LOW_SPO2,
    /** Respiratory rate below the site's minimum. */
    LOW_RESPIRATORY_RATE,
    /** MOAA/S at or below the site's critical level, or 0 (loss of consciousness). */
    CRITICAL_SEDATION,
    /** MOAA/S at or below the site's warning level, above the critical level. */
    DEEP_SEDATION,
    /** Heart rate after the dose below the site's minimum. */
    LOW_HEART_RATE,
    /** Heart rate after the dose at or above the site's maximum. */
    HIGH_HEART_RATE,
    /** Blood pressure after the dose at or above the site's severe threshold. */
    SEVERE_HYPERTENSION,
    /** Blood pressure after the dose risen by the label's measure from the pre-dose reading, short of severe. */
    BLOOD_PRESSURE_RISE
}
