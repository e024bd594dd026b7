package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of the treatment course. @since 0.1.0 */
public enum Phase {
    @JsonProperty("induction")
    INDUCTION,
    @JsonProperty("maintenance")
    MAINTENANCE,
    @JsonProperty("booster")
    BOOSTER
}
