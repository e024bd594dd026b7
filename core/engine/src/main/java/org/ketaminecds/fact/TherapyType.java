package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of therapeutic support alongside ketamine. @since 0.1.0 */
public enum TherapyType {
    @JsonProperty("psychotherapy")
    PSYCHOTHERAPY,
    @JsonProperty("counselling")
    COUNSELLING,
    @JsonProperty("integration-session")
    INTEGRATION_SESSION,
    @JsonProperty("support-group")
    SUPPORT_GROUP,
    @JsonProperty("mindfulness")
    MINDFULNESS
}
