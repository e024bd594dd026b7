package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** C-SSRS screener triage level (Columbia triage: low, moderate, high). @since 0.1.0 */
public enum SuicideRisk {
    @JsonProperty("low")
    LOW,
    @JsonProperty("moderate")
    MODERATE,
    @JsonProperty("high")
    HIGH
}
