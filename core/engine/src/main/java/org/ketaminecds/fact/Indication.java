package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an esketamine course treats, where the label's schedule differs (evidence E-ESK-INDICATION, E-ESK-MDSI-DOSE).
 *
 * @since 0.2.0
 */
public enum Indication {
    /** Treatment-resistant depression: 56 mg on day 1, then 56 or 84 mg; maintenance from week 5. */
    @JsonProperty("treatment-resistant-depression")
    TREATMENT_RESISTANT_DEPRESSION,
    /**
     * Major depressive disorder with acute suicidal ideation or behaviour: 84 mg twice weekly from day 1 for 4 weeks
     * (56 mg if not tolerated), then re-evaluated; use beyond 4 weeks was not studied.
     */
    @JsonProperty("depression-with-suicidal-ideation")
    DEPRESSION_WITH_SUICIDAL_IDEATION
}
