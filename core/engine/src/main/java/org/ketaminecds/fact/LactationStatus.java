package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the patient is breastfeeding. Absent in JSON means {@link #UNKNOWN}. @since 0.1.0 */
public enum LactationStatus {
    @JsonProperty("breastfeeding")
    BREASTFEEDING,
    @JsonProperty("not-breastfeeding")
    NOT_BREASTFEEDING,
    @JsonProperty("unknown")
    UNKNOWN
}
