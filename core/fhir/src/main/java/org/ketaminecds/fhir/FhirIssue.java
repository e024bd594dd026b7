package org.ketaminecds.fhir;

import java.util.Objects;

/**
 * A FHIR resource, or part of one, that the reader could not map into the session facts. Never dropped silently:
 * every issue is in the {@link FhirReadResult}, and the CDS Hooks response lists them.
 *
 * @param resource the resource, as {@code Type/id} (or {@code Type} without an id)
 * @param problem what could not be mapped and why
 * @since 0.1.0
 */
public record FhirIssue(String resource, String problem) {
    public FhirIssue {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(problem, "problem");
    }
}
