package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happened to a prior scheduled session. @since 0.1.0 */
public enum Attendance {
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("missed")
    MISSED,
    @JsonProperty("cancelled")
    CANCELLED
}
