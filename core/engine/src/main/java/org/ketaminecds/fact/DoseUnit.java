package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Unit of a ketamine dose. @since 0.1.0 */
public enum DoseUnit {
    @JsonProperty("mg")
    MG,
    @JsonProperty("mg/kg")
    MG_PER_KG
}
