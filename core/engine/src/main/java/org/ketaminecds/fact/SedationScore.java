package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;

/**
 * A sedation observation on the MOAA/S scale: 5 = responds readily to name spoken in normal tone ... 0 = no
 * response to a painful trapezius squeeze.
 *
 * @since 0.1.0
 */
public record SedationScore(
        Instant at,

        @com.fasterxml.jackson.annotation.JsonProperty(required = true)
        int moaas) {
    public SedationScore {
        required("at", at);
        range("moaas", moaas, 0, 5, "");
    }
}
