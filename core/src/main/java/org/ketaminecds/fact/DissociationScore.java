package org.ketaminecds.fact;

import static org.ketaminecds.internal.Checks.range;
import static org.ketaminecds.internal.Checks.required;

import java.time.Instant;

/**
 * A dissociation observation: total of the 23-item CADSS (each item 0-4), 0 to 92.
 *
 * @since 0.1.0
 */
public record DissociationScore(Instant at, @com.fasterxml.jackson.annotation.JsonProperty(required = true) int cadss) {
    public DissociationScore {
        required("at", at);
        range("cadss", cadss, 0, 92, "");
    }
}
