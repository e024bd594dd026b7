package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Clinical status of a condition (FHIR {@code Condition.clinicalStatus}). @since 0.1.0 */
public enum ConditionStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("recurrence")
    RECURRENCE,
    @JsonProperty("relapse")
    RELAPSE,
    @JsonProperty("inactive")
    INACTIVE,
    @JsonProperty("remission")
    REMISSION,
    @JsonProperty("resolved")
    RESOLVED;

    /** Active, recurrence or relapse: the condition is current. */
    public boolean isCurrent() {
        return this == ACTIVE || this == RECURRENCE || this == RELAPSE;
    }
}
