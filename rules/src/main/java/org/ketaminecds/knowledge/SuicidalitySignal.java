package org.ketaminecds.knowledge;

import java.util.Objects;
import org.ketaminecds.fact.Assessment;

/**
 * A derived fact: a rating that signals suicidality (PHQ-9 item 9 above 0, or a C-SSRS triage of moderate or high
 * risk), at any point of the course. Rules that call a change in scores harmless require that there is none
 * (evidence E-ESK-SUICIDALITY).
 *
 * @param assessment the rating
 * @since 0.4.0
 */
public record SuicidalitySignal(Assessment assessment) {
    public SuicidalitySignal {
        Objects.requireNonNull(assessment, "assessment");
    }

    /**
     * Whether the rating was taken after a time (e.g. after response was reached, so that it belongs to a relapse).
     *
     * @param time the time
     * @return whether the rating is later
     */
    public boolean ratedAfter(java.time.Instant time) {
        return assessment.at().isAfter(time);
    }
}
