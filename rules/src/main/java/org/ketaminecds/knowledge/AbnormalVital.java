package org.ketaminecds.knowledge;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A derived fact: one abnormal vital sign or sedation level of the session, judged once against the site's limits.
 *
 * @param kind what is abnormal
 * @param value the value judged (SpO2 %, breaths or beats per minute, MOAA/S, highest systolic mmHg)
 * @param at when it was recorded
 * @param finding the finding in words, e.g. "SpO2 88% at 2026-03-02T15:10:00Z"
 * @since 0.4.0
 */
public record AbnormalVital(Abnormality kind, double value, Instant at, String finding) {
    private static final Comparator<AbnormalVital> ORDER =
            Comparator.comparing(AbnormalVital::kind).thenComparing(AbnormalVital::at);

    public AbnormalVital {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(finding, "finding");
    }

    /**
     * The findings of a collection of facts (as Drools' {@code collect} gives them, in no set order) in a stable
     * order: by kind, then time.
     *
     * @param facts {@code AbnormalVital} facts
     * @return their findings in words, by kind then time
     */
    public static List<String> findings(Collection<?> facts) {
        return facts.stream()
                .map(AbnormalVital.class::cast)
                .sorted(ORDER)
                .map(AbnormalVital::finding)
                .toList();
    }

    /**
     * The facts of a collection in the same stable order.
     *
     * @param facts {@code AbnormalVital} facts
     * @return the facts by kind then time
     */
    public static List<AbnormalVital> sorted(Collection<?> facts) {
        return facts.stream().map(AbnormalVital.class::cast).sorted(ORDER).toList();
    }
}
