package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Severity of a condition (FHIR {@code Condition.severity}). For hepatic impairment: mild, moderate and severe
 * correspond to Child-Pugh A, B and C.
 *
 * @since 0.1.0
 */
public enum ConditionSeverity {
    @JsonProperty("mild")
    MILD,
    @JsonProperty("moderate")
    MODERATE,
    @JsonProperty("severe")
    SEVERE
}
