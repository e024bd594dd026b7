package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of a medication-list entry. @since 0.1.0 */
public enum MedicationStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("on-hold")
    ON_HOLD,
    @JsonProperty("stopped")
    STOPPED
}
