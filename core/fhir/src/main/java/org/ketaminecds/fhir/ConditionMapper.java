package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionSeverity;
import org.ketaminecds.fact.ConditionStatus;

/**
 * Condition: the first SNOMED CT, ICD-10-CM or ICD-10 coding and the text, clinical status, onset (a partial onset
 * read as its latest possible day, so a recent event is not missed), severity; refuted conditions are not used.
 */
final class ConditionMapper implements ResourceMapper {
    private static final String SCT_SEVERE = "24484000";
    private static final String SCT_MODERATE = "6736007";
    private static final String SCT_MILD = "255604002";

    @Override
    public Set<String> types() {
        return Set.of("Condition");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        if (Values.hasCode(r.path("verificationStatus"), "refuted")) {
            read.issue(r, "verificationStatus refuted: not used");
            return false;
        }
        Coding code =
                Values.firstCoding(r.path("code"), CodeSystems.SNOMED_CT, CodeSystems.ICD_10_CM, CodeSystems.ICD_10);
        String text = Values.text(r.path("code"));
        if (code == null && text == null) {
            read.issue(r, "no SNOMED CT or ICD-10 coding and no text: not recognisable");
            return false;
        }
        String clinical = Values.firstCode(r.path("clinicalStatus"));
        ConditionStatus status;
        if (clinical == null) {
            read.issue(r, "no clinicalStatus: treated as active");
            status = ConditionStatus.ACTIVE;
        } else {
            status = Values.enumOf(ConditionStatus.class, clinical, "clinicalStatus");
        }
        String onsetText = r.hasNonNull("onsetDateTime")
                ? r.get("onsetDateTime").asText()
                : r.path("onsetPeriod").path("start").asText(null);
        LocalDate onset = null;
        if (onsetText != null) {
            onset = Values.partial(onsetText) ? Values.partialDate(onsetText, true, read.offset) : read.date(onsetText);
            if (Values.partial(onsetText) && r.hasNonNull("onsetDateTime")) {
                read.issue(
                        r,
                        "onsetDateTime " + onsetText + " is a partial date: read as its latest possible day, " + onset
                                + ", so a recent event is not missed");
            }
        } else if (r.has("onsetAge") || r.has("onsetString") || r.has("onsetRange")) {
            read.issue(
                    r,
                    "onset given as "
                            + (r.has("onsetAge") ? "an age" : r.has("onsetString") ? "text" : "an age range")
                            + ", not a date: read as undated (an undated event counts as recent where recency matters)");
        }
        String name = text != null && (code == null || !text.equals(code.display())) ? text : null;
        read.draft.conditions.add(new Condition(code, name, status, onset, severity(r.path("severity"))));
        return true;
    }

    private static ConditionSeverity severity(JsonNode severity) {
        for (JsonNode c : severity.path("coding")) {
            switch (c.path("code").asText("")) {
                case SCT_SEVERE:
                    return ConditionSeverity.SEVERE;
                case SCT_MODERATE:
                    return ConditionSeverity.MODERATE;
                case SCT_MILD:
                    return ConditionSeverity.MILD;
                default:
                    break;
            }
        }
        String t = Values.text(severity);
        if (Values.says(t, "severe")) {
            return ConditionSeverity.SEVERE;
        }
        if (Values.says(t, "moderate")) {
            return ConditionSeverity.MODERATE;
        }
        return Values.says(t, "mild") ? ConditionSeverity.MILD : null;
    }
}
