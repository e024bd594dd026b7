package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Intensity of a challenging experience as judged by staff. @since 0.1.0 */
public enum Intensity {
    @JsonProperty("mild")
    MILD,
    @JsonProperty("moderate")
    MODERATE,
    @JsonProperty("severe")
    SEVERE
}
