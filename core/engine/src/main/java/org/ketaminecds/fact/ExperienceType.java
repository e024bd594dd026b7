package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of challenging experience during or after a session. @since 0.1.0 */
public enum ExperienceType {
    @JsonProperty("disorientation")
    DISORIENTATION,
    @JsonProperty("anxiety")
    ANXIETY,
    @JsonProperty("heightened-emotion")
    HEIGHTENED_EMOTION,
    @JsonProperty("vivid-dreams")
    VIVID_DREAMS,
    @JsonProperty("altered-perception")
    ALTERED_PERCEPTION,
    @JsonProperty("emotional-release")
    EMOTIONAL_RELEASE,
    @JsonProperty("agitation")
    AGITATION,
    @JsonProperty("psychotic-symptoms")
    PSYCHOTIC_SYMPTOMS,
    @JsonProperty("suicidal-thoughts")
    SUICIDAL_THOUGHTS,
    @JsonProperty("other")
    OTHER
}
