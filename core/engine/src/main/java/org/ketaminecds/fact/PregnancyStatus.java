package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the patient is pregnant. Absent in JSON means {@link #UNKNOWN}. @since 0.1.0 */
public enum PregnancyStatus {
    @JsonProperty("pregnant")
    PREGNANT,
    @JsonProperty("not-pregnant")
    NOT_PREGNANT,
    @JsonProperty("unknown")
    UNKNOWN
}
