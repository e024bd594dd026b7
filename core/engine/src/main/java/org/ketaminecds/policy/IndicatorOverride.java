package org.ketaminecds.policy;

import java.util.Objects;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.InvalidFactException;

/**
 * A site's change of one rule's default indicator, with the written reason a clinical safety officer reviews.
 *
 * @since 0.1.0
 */
public record IndicatorOverride(Indicator indicator, String reason) {
    public IndicatorOverride {
        Objects.requireNonNull(indicator, "indicator");
        if (reason == null || reason.isBlank()) {
            throw new InvalidFactException("reason", "an indicator override needs a written reason");
        }
    }
}
