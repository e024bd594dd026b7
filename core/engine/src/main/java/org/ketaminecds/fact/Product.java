package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The ketamine product given in the session. @since 0.1.0 */
public enum Product {
    /** Racemic ketamine (e.g. IV infusion, IM, oral), off-label for depression. */
    @JsonProperty("racemic-ketamine")
    RACEMIC_KETAMINE,
    /** Esketamine nasal spray (SPRAVATO). */
    @JsonProperty("esketamine")
    ESKETAMINE
}
