package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.AllergyType;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;

/**
 * AllergyIntolerance: RxNorm or SNOMED CT coding and text (else the reaction's substance), recorded date, type
 * (allergy or intolerance); refuted, inactive and resolved entries are not used.
 */
final class AllergyIntoleranceMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("AllergyIntolerance");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        if (Values.hasCode(r.path("verificationStatus"), "refuted")) {
            read.issue(r, "verificationStatus refuted: not used");
            return false;
        }
        String clinical =
                r.path("clinicalStatus").path("coding").path(0).path("code").asText("active");
        if (clinical.equals("inactive") || clinical.equals("resolved")) {
            read.issue(r, "clinicalStatus " + clinical + ": no longer an allergy, not used");
            return false;
        }
        Coding code = Values.firstCoding(r.path("code"), CodeSystems.RXNORM, CodeSystems.SNOMED_CT);
        String text = Values.text(r.path("code"));
        if (code == null && text == null) {
            // Some systems record the substance only on the reaction.
            JsonNode substance = r.path("reaction").path(0).path("substance");
            code = Values.firstCoding(substance, CodeSystems.RXNORM, CodeSystems.SNOMED_CT);
            text = Values.text(substance);
            if (code == null && text == null) {
                read.issue(r, "no RxNorm or SNOMED CT coding and no text, on the allergy or its reaction");
                return false;
            }
            read.issue(r, "no code on the allergy: its reaction's substance is used");
        }
        LocalDate recorded =
                r.hasNonNull("recordedDate") ? read.date(r.get("recordedDate").asText()) : null;
        AllergyType type = null;
        if (r.hasNonNull("type")) {
            type = AllergyType.ofCode(r.get("type").asText());
            if (type == null) {
                read.issue(
                        r,
                        "type '" + r.get("type").asText()
                                + "' is not allergy or intolerance: read as a possible allergy");
            }
        }
        read.draft.allergies.add(new Allergy(code, text, recorded, type));
        return true;
    }
}
