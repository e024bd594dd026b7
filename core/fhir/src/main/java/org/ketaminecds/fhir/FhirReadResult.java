package org.ketaminecds.fhir;

import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.SessionContext;

/**
 * What the FHIR reader made of its input: the session context, and everything it could not map.
 *
 * @param context the session facts
 * @param issues resources or codings that were not mapped, with the reason
 * @param mappedResources the resources that were mapped, as "Type/id" (the type alone for one without an id); a
 *     resource can be both mapped and reported (used, with a problem noted)
 * @param notEvaluated checks the input cannot support as a whole (for example a search result with pages that were
 *     not sent); merge them into the evaluation with {@link org.ketaminecds.cds.Evaluation#withNotEvaluated}
 * @since 0.1.0
 */
public record FhirReadResult(
        SessionContext context,
        List<FhirIssue> issues,
        List<String> mappedResources,
        List<org.ketaminecds.cds.NotEvaluated> notEvaluated) {
    public FhirReadResult {
        Objects.requireNonNull(context, "context");
        issues = List.copyOf(issues);
        mappedResources = List.copyOf(mappedResources);
        notEvaluated = List.copyOf(notEvaluated);
    }

    /** Key, in a CDS Hooks response's evaluation extension, of the list of FHIR issues ({@link #issuesJson()}). */
    public static final String ISSUES_KEY = "fhirIssues";

    /**
     * The issues as JSON, one object {@code {"resource", "problem"}} each, as the CDS Hooks service and the command
     * line both write them under {@value #ISSUES_KEY}.
     *
     * @return a new JSON array
     */
    public com.fasterxml.jackson.databind.node.ArrayNode issuesJson() {
        com.fasterxml.jackson.databind.node.ArrayNode array =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        issues.forEach(i -> array.addObject().put("resource", i.resource()).put("problem", i.problem()));
        return array;
    }

    /** How many resources were mapped. */
    public int mapped() {
        return mappedResources.size();
    }
}
