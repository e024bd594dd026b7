package org.ketaminecds.cds;

import java.util.Objects;
import org.ketaminecds.fact.Coding;

/**
 * CDS Hooks card source: where the guidance comes from.
 *
 * @param label short, human-readable source (required, non-blank)
 * @param url optional link to the source
 * @param topic optional topic of the card, as a Coding
 * @since 0.1.0
 */
public record Source(String label, String url, Coding topic) {
    public Source {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("source.label must not be blank");
        }
    }
}
