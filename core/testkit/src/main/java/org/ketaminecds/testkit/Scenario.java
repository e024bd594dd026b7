package org.ketaminecds.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One clinician-readable scenario: a session context ({@code given} merged over the file's {@code base}, evaluated
 * at {@code asOf}) and what the rules must ({@code expect}) and must not ({@code expectNot}) conclude.
 *
 * @param file the scenario file
 * @param id scenario id
 * @param title what it shows (the test's name)
 * @param rationale why the expectation holds
 * @param policy changes to the site policy for this scenario (null = the check's policy)
 * @param context the merged session context as JSON
 * @param expect cards that must be produced
 * @param expectNot rule ids that must produce no card
 * @param expectStatus {@code complete}, {@code incomplete}, or {@code silent} (not about ketamine: no card and nothing
 *     listed as not evaluated)
 * @param expectUnchecked exactly these unchecked medication entries, or null to not check
 * @param expectFired rule ids that must fire (e.g. classification rules)
 * @since 0.1.0
 */
public record Scenario(
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

    /**
     * A card that must be produced: rule, optional indicator, texts it must mention, optional count.
     *
     * @param rule the rule id of the card
     * @param indicator the card's indicator (info, warning, critical), or null for any
     * @param mentions texts the card must mention
     * @param count how many such cards, or null for at least one
     * @param notMentions texts the card must not mention
     */
    public record Expectation(
            String rule, String indicator, List<String> mentions, Integer count, List<String> notMentions) {
        /**
         * Copies the lists; no words that must be absent when {@code notMentions} is null.
         *
         * @param rule the rule id of the card
         * @param indicator the card's indicator, or null for any
         * @param mentions texts the card must mention
         * @param count how many such cards, or null for at least one
         * @param notMentions texts the card must not mention, or null for none
         */
        public Expectation {
            mentions = List.copyOf(mentions);
            notMentions = notMentions == null ? List.of() : List.copyOf(notMentions);
        }

        /**
         * An expectation without words that must be absent.
         *
         * @param rule the rule id of the card
         * @param indicator the card's indicator, or null for any
         * @param mentions texts the card must mention
         * @param count how many such cards, or null for at least one
         */
        public Expectation(String rule, String indicator, List<String> mentions, Integer count) {
            this(rule, indicator, mentions, count, List.of());
        }
    }

    /**
     * "ID title", the dynamic test's name.
     *
     * @return the id and the title
     */
    public String displayName() {
        return id + " " + title;
    }
}
