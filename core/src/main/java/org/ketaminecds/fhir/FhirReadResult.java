package org.ketaminecds.fhir;

import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.SessionContext;

/**
 * What the FHIR reader made of its input: the session context, and everything it could not map.
 *
 * @param context the session facts
 * @param issues resources or codings that were not mapped, with the reason
 * @param mapped how many resources were mapped
 * @since 0.1.0
 */
public record FhirReadResult(SessionContext context, List<FhirIssue> issues, int mapped) {
    public FhirReadResult {
        Objects.requireNonNull(context, "context");
        issues = List.copyOf(issues);
    }
}
