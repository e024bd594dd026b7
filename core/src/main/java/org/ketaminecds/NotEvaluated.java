package org.ketaminecds;

import java.util.Objects;

/**
 * A check that could not run because input it needs was not provided. An evaluation with any of these is
 * {@link EvaluationStatus#INCOMPLETE}, and a card says so as well.
 *
 * @param check the check, e.g. {@code medication-interactions}
 * @param reason what was missing
 * @since 0.1.0
 */
public record NotEvaluated(String check, String reason) {
    public NotEvaluated {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }
}
