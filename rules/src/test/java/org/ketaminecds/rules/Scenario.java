package org.ketaminecds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One clinician-readable scenario: a session context ({@code given}, evaluated at {@code asOf}) and what the
 * rules must ({@code expect}) and must not ({@code expectNot}) conclude.
 */
record Scenario(
        Path file,
        String id,
        String title,
        String rationale,
        JsonNode policy,
        JsonNode context,
        List<Expectation> expect,
        List<String> expectNot,
        String expectStatus,
        List<String> expectUnchecked,
        List<String> expectFired) {

    /** A card the rules must produce. */
    record Expectation(String rule, String indicator, List<String> mentions, Integer count) {}

    String displayName() {
        return id + " " + title;
    }
}
