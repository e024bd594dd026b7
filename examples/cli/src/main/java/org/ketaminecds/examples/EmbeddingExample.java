package org.ketaminecds.examples;

import java.util.List;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;

/**
 * The embedding snippet shown in the README, compiled and tested (EmbeddingExampleTest checks that the README
 * shows exactly the lines between the markers).
 */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    /** Evaluates one session-context JSON document and returns the CDS Hooks response and a one-line view. */
    public static List<String> evaluate(String sessionContextJson) {
        // README-BEGIN
        CdsEngine engine = CdsEngine.create(); // once per process: immutable and thread-safe
        SessionContext context = CdsJson.readContext(sessionContextJson); // or build the records in Java
        Evaluation result = engine.evaluate(context); // a pooled rule session per call, used by this call alone
        String response = CdsJson.writeResponse(result); // CDS Hooks 2.0: {"cards": [...], ...}
        List<String> lines = result.cards().stream()
                .map(c -> c.indicator() + " " + c.summary())
                .toList();
        // README-END
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(response), lines.stream())
                .toList();
    }
}
