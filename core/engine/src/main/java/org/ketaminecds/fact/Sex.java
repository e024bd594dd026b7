package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Administrative sex, as in FHIR {@code Patient.gender}. @since 0.1.0 */
public enum Sex {
    @JsonProperty("female")
    FEMALE,
    @JsonProperty("male")
    MALE,
    @JsonProperty("other")
    OTHER,
    @JsonProperty("unknown")
    UNKNOWN
}
