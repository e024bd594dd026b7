package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OperationOutcomes in what a FHIR server or a CDS client sends: a failure in place of the data, or a note in a
 * search result. Epic, for one, answers a search that finds nothing with a searchset whose only entry is an
 * OperationOutcome ({@code search.mode = outcome}, severity information or warning, "no results"): that is an empty
 * result, not a failure. Stateless.
 */
final class Outcomes {
    private Outcomes() {}

    /** Whether a node is an OperationOutcome. */
    static boolean isOutcome(JsonNode node) {
        return node != null && node.path("resourceType").asText("").equals("OperationOutcome");
    }

    /** Whether an OperationOutcome has an issue of severity error or fatal (one without a severity counts as error). */
    static boolean reportsError(JsonNode outcome) {
        if (outcome.path("issue").isEmpty()) {
            return true;
        }
        for (JsonNode issue : outcome.path("issue")) {
            String severity = issue.path("severity").asText("error");
            if (!severity.equals("information") && !severity.equals("warning")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A prefetch value (or fetched search result) that says the data could not be had: an OperationOutcome sent
     * instead of the data, or a search Bundle whose entries are all OperationOutcomes and at least one reports an
     * error. A searchset holding only information or warning outcomes is an empty result.
     */
    static boolean failed(JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        if (isOutcome(value)) {
            return true;
        }
        if (!value.path("resourceType").asText("").equals("Bundle")
                || value.path("entry").isEmpty()) {
            return false;
        }
        boolean error = false;
        for (JsonNode entry : value.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (!isOutcome(resource)) {
                return false;
            }
            error |= reportsError(resource);
        }
        return error;
    }

    /** The first issue's diagnostics, else its code, else {@code otherwise}. */
    static String diagnostics(JsonNode outcome, String otherwise) {
        JsonNode first = outcome.path("issue").path(0);
        return first.path("diagnostics")
                .asText(first.path("details")
                        .path("text")
                        .asText(first.path("code").asText(otherwise)));
    }

    /** The outcome inside a failed value: the value itself, or the first entry reporting an error. */
    static JsonNode outcomeOf(JsonNode failedValue) {
        if (isOutcome(failedValue)) {
            return failedValue;
        }
        for (JsonNode entry : failedValue.path("entry")) {
            if (reportsError(entry.path("resource"))) {
                return entry.path("resource");
            }
        }
        return failedValue.path("entry").path(0).path("resource");
    }
}
