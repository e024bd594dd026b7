package org.ketaminecds.cds;

import java.util.Objects;

/**
 * A current medication-list entry the drug-class table did not recognise: it was <em>not</em> checked for
 * interactions, and the clinician should know that.
 *
 * @param entry the entry as entered (text, or RxNorm code and display)
 * @param reason why it was not recognised
 * @since 0.1.0
 */
public record UncheckedMedication(String entry, String reason) {
    public UncheckedMedication {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
    }
}
