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
 * @param notEvaluated checks the input cannot support as a whole (for example a search result with pages that were
 *     not sent); merge them into the evaluation with {@link org.ketaminecds.Evaluation#withNotEvaluated}
 * @since 0.1.0
 */
public record FhirReadResult(SessionContext context, List<FhirIssue> issues, int mapped,
        List<org.ketaminecds.NotEvaluated> notEvaluated) {
    public FhirReadResult {
        Objects.requireNonNull(context, "context");
        issues = List.copyOf(issues);
        notEvaluated = List.copyOf(notEvaluated);
    }

    public FhirReadResult(SessionContext context, List<FhirIssue> issues, int mapped) {
        this(context, issues, mapped, List.of());
    }
}
