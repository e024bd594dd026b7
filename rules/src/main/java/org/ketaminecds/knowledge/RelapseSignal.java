package org.ketaminecds.knowledge;

import java.util.Objects;

/**
 * A derived fact: after response or remission, the course's primary rating is back at its relapse level (MADRS 22,
 * QIDS-SR16 11, PHQ-9 the site's setting): on consecutive assessments ({@code confirmed}, relapse as SUSTAIN-1 defines
 * it) or on the latest only (possible relapse, to be confirmed). Classified by rules TRJ-013 and TRJ-014 (evidence
 * E-TRJ-RELAPSE-MADRS, E-TRJ-RELAPSE-QIDS, E-POL-PHQ9-RELAPSE).
 *
 * @param trajectory the primary trajectory
 * @param confirmed whether the relapse level holds on consecutive assessments
 * @since 0.5.0
 */
public record RelapseSignal(InstrumentTrajectory trajectory, boolean confirmed) {
    public RelapseSignal {
        Objects.requireNonNull(trajectory, "trajectory");
        if (trajectory.benefitReachedAt() == null || trajectory.relapseMin() == null) {
            throw new IllegalArgumentException("trajectory: relapse needs a response or remission and a relapse level");
        }
    }

    /** When response or remission was first reached: suicidality signals after it belong to the relapse. */
    public java.time.Instant since() {
        return trajectory.benefitReachedAt();
    }
}
