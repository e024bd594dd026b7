package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.cds.NotEvaluated;

/**
 * What one read says about its input besides the facts: the resources it mapped, every issue (each naming its
 * resource), and the checks the input as a whole cannot support. Not thread-safe; one per read.
 */
final class Report {
    final List<FhirIssue> issues = new ArrayList<>();
    final List<NotEvaluated> notEvaluated = new ArrayList<>();
    final List<String> mapped = new ArrayList<>();

    /** An issue about a resource, named "Type/id". */
    void issue(JsonNode resource, String problem) {
        issues.add(new FhirIssue(Values.label(resource), problem));
    }

    /** An issue about a resource (or a part of the input) already named. */
    void issue(String resource, String problem) {
        issues.add(new FhirIssue(resource, problem));
    }

    /** An issue about each of several resources (the parts of one reading sent as several resources). */
    void issue(List<String> resources, String fallback, String problem) {
        if (resources.isEmpty()) {
            issue(fallback, problem);
        }
        for (String resource : resources) {
            issue(resource, problem);
        }
    }

    /** A check the whole record cannot support; each listed once. */
    void notEvaluatedOnce(NotEvaluated n) {
        if (notEvaluated.stream().noneMatch(x -> x.check().equals(n.check()))) {
            notEvaluated.add(n);
        }
    }

    /**
     * The checks that cannot run on the whole record when the data named by {@code what} (a prefetch key or resource
     * types, lower case) is incomplete; each is listed once.
     */
    void incomplete(String what, String reason) {
        if (what.contains("medication") && !what.contains("administration")) {
            notEvaluatedOnce(new NotEvaluated(
                    NotEvaluated.MEDICATION_INTERACTIONS,
                    reason + ": medicines there were not checked",
                    "medication-interaction",
                    "medication-review"));
        }
        if (what.contains("condition") || what.contains("allerg") || what.contains("problem")) {
            notEvaluatedOnce(new NotEvaluated(
                    "condition-screening",
                    reason + ": problem-list or allergy entries there were not screened",
                    "contraindication",
                    "caution"));
        }
        if (what.contains("observation")
                || what.contains("questionnaire")
                || what.contains("administration")
                || what.contains("appointment")
                || what.contains("procedure")) {
            notEvaluatedOnce(new NotEvaluated(
                    "complete-course-record",
                    reason + ": observations, sessions or appointments there were not read",
                    "trajectory",
                    "monitoring",
                    "maintenance",
                    "suicidality"));
        }
    }
}
