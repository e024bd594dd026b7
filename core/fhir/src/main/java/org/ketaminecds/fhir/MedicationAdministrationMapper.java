package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.SessionDose;

/**
 * MedicationAdministration of ketamine or esketamine: a dose given, with its time, product, route, dose, recorded
 * phase and encounter. Administrations of other medicines are reported; one whose medicine the record does not
 * identify may have been a ketamine session, so the course record is reported incomplete.
 */
final class MedicationAdministrationMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("MedicationAdministration");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        MedicationConcepts.Described medicine = MedicationConcepts.of(r, read);
        if (medicine == null || !medicine.identified()) {
            read.issue(r, "an administration whose medicine the record does not identify: not used");
            read.report.notEvaluatedOnce(new NotEvaluated(
                    "complete-course-record",
                    "an administration's medicine could not be identified; if it was ketamine or esketamine, a session "
                            + "is missing from the course",
                    "trajectory",
                    "monitoring",
                    "maintenance",
                    "suicidality"));
            return false;
        }
        Product product = read.vocabulary.ketamineProduct(medicine.probe());
        if (product == null) {
            read.issue(r, "administration of a medicine other than ketamine or esketamine: not used");
            return false;
        }
        String when = r.hasNonNull("effectiveDateTime")
                ? r.get("effectiveDateTime").asText()
                : r.path("effectivePeriod").path("start").asText(null);
        if (when == null) {
            read.issue(r, "no effectiveDateTime or effectivePeriod.start");
            return false;
        }
        Instant at = read.instant(when);
        String status = r.path("status").asText("completed");
        if (!status.equals("completed") && !status.equals("in-progress")) {
            read.issue(r, "status " + status + ": not counted as a session");
            return false;
        }
        if (read.afterAsOf(at)) {
            read.issue(r, "administration dated " + at + ", after asOf: not used");
            return false;
        }
        if (when.length() == 10 && !at.atOffset(read.offset).toLocalDate().isBefore(read.asOf.toLocalDate())) {
            read.issue(r, "today's administration has a date but no time: the time since the dose is unknown");
            read.report.notEvaluatedOnce(new NotEvaluated(
                    "post-dose-timing",
                    "today's ketamine administration has no time of day, so the time since the dose cannot be judged",
                    "monitoring",
                    "discharge",
                    "pre-session"));
        }
        SessionDose dose = Dosages.sessionDose(r.path("dosage").path("dose"));
        if (dose == null && r.path("dosage").has("rateQuantity")) {
            read.issue(r, "an infusion rate without a total dose: the dose is not known");
        }
        String encounter = r.path("context")
                .path("reference")
                .asText(r.path("encounter").path("reference").asText(null));
        read.draft.administrations.add(new RecordDraft.Administration(
                at,
                product,
                Dosages.route(r.path("dosage").path("route"), product, medicine.form(), r, read),
                dose,
                Phases.recorded(r),
                ResourceIndex.typeAndId(encounter),
                Values.label(r)));
        return true;
    }
}
