package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Route of administration. @since 0.1.0 */
public enum Route {
    @JsonProperty("intravenous")
    INTRAVENOUS,
    @JsonProperty("intramuscular")
    INTRAMUSCULAR,
    @JsonProperty("oral")
    ORAL,
    @JsonProperty("intranasal")
    INTRANASAL
}
