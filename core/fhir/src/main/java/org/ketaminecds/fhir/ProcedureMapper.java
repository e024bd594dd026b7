package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.TherapyType;

/**
 * Procedure: therapy (SNOMED CT psychotherapy, cognitive behavioural therapy, counselling, or a local therapy code),
 * ongoing when in progress; a SNOMED CT medication reconciliation sets when the medication list was reconciled. Other
 * procedures are reported.
 */
final class ProcedureMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("Procedure");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        String status = r.path("status").asText("");
        if (status.equals("not-done") || status.equals("preparation")) {
            read.issue(r, "procedure status " + status + ": not therapy that took place");
            return false;
        }
        JsonNode period = r.path("performedPeriod");
        if (FhirCodes.SCT_MEDICATION_RECONCILIATION.equals(Values.code(r.path("code"), CodeSystems.SNOMED_CT))) {
            String when = period.hasNonNull("end")
                    ? period.get("end").asText()
                    : period.hasNonNull("start")
                            ? period.get("start").asText()
                            : r.path("performedDateTime").asText(null);
            if (when == null) {
                read.issue(r, "medication reconciliation without a performed time: not used");
                return false;
            }
            read.draft.reconciled(read.instant(when), Values.label(r));
            return true;
        }
        TherapyType type = FhirCodes.therapyType(Values.code(r.path("code"), CodeSystems.SNOMED_CT));
        String local = Values.code(r.path("code"), FhirCodes.LOCAL_THERAPY);
        if (type == null && local != null) {
            type = Values.enumOf(TherapyType.class, local, "therapy type");
        }
        if (type == null) {
            read.issue(
                    r,
                    "procedure "
                            + (r.path("code").has("coding") || Values.text(r.path("code")) == null
                                    ? Values.codes(r.path("code"))
                                    : "'" + Values.text(r.path("code")) + "'")
                            + " is not a therapy Ketamine CDS reads (SNOMED CT "
                            + "psychotherapy 75516001, cognitive behavioural therapy 304891004, counselling 409063005, or a "
                            + FhirCodes.LOCAL_THERAPY + " code): not used");
            return false;
        }
        if (r.has("performedString") || r.has("performedAge") || r.has("performedRange")) {
            read.issue(r, "performed time given as text or an age, not a date: therapy read without dates");
        }
        LocalDate start =
                period.hasNonNull("start") ? read.date(period.get("start").asText()) : null;
        LocalDate last = period.hasNonNull("end")
                ? read.date(period.get("end").asText())
                : r.hasNonNull("performedDateTime")
                        ? read.date(r.get("performedDateTime").asText())
                        : start;
        read.draft.therapy.add(new TherapyEngagement(type, start, last, status.equals("in-progress")));
        return true;
    }
}
