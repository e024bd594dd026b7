package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Quantity;

/**
 * MedicationRequest and MedicationStatement: entries of the medication list (coding, text or ingredients; status;
 * dose; frequency; as needed; period). A draft or active ketamine or esketamine MedicationRequest is the session being
 * ordered, not a co-medication. An entry whose medicine cannot be identified is listed as not checked.
 */
final class MedicationListMapper implements ResourceMapper {
    private static final Set<String> NOT_CURRENT = Set.of("completed", "stopped", "cancelled", "not-taken");

    @Override
    public Set<String> types() {
        return Set.of("MedicationRequest", "MedicationStatement");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        read.index.medicationListSent(true);
        String type = r.path("resourceType").asText();
        boolean request = type.equals("MedicationRequest");
        String status = r.path("status").asText("unknown");
        MedicationConcepts.Described medicine = MedicationConcepts.of(r, read);
        if (medicine == null || !medicine.identified()) {
            return unidentified(r, read, medicine, type, status);
        }
        JsonNode dosage =
                request ? r.path("dosageInstruction").path(0) : r.path("dosage").path(0);
        Product product = read.vocabulary.ketamineProduct(medicine.probe());
        if (product != null && request) {
            return order(r, read, medicine, product, dosage, status);
        }
        if (status.equals("draft") && !read.vocabulary.recognises(medicine.probe())) {
            read.issue(
                    r,
                    "draft order for " + medicine.probe().label()
                            + " is not recognised by the drug-class table, so it was "
                            + "not checked for interactions; if it is a ketamine or esketamine product, the session checks "
                            + "did not run for it");
        }
        MedicationStatus mapped = switch (status) {
            case "active", "draft", "intended" -> MedicationStatus.ACTIVE;
            case "on-hold" -> MedicationStatus.ON_HOLD;
            case "completed", "stopped", "cancelled", "not-taken" -> MedicationStatus.STOPPED;
            default -> {
                read.issue(r, "status " + status + ": treated as active");
                yield MedicationStatus.ACTIVE;
            }
        };
        Quantity dose = Dosages.dose(dosage.path("doseAndRate").path(0), r, read);
        String frequency = Dosages.text(dosage);
        JsonNode all = request ? r.path("dosageInstruction") : r.path("dosage");
        if (all.size() > 1) {
            List<String> later = new ArrayList<>();
            for (int i = 1; i < all.size(); i++) {
                later.add(Objects.requireNonNullElse(Dosages.text(all.get(i)), "no details"));
            }
            read.issue(
                    r,
                    all.size() + " dosage instructions (a taper or a schedule): the dose shown is the first one's; "
                            + "the others are in the frequency text");
            frequency = (frequency == null ? "" : frequency) + "; then " + String.join("; then ", later);
        }
        JsonNode period = request ? r.path("dispenseRequest").path("validityPeriod") : r.path("effectivePeriod");
        LocalDate start =
                period.hasNonNull("start") ? read.date(period.get("start").asText()) : null;
        LocalDate end = period.hasNonNull("end") ? read.date(period.get("end").asText()) : null;
        if (start == null && r.hasNonNull("effectiveDateTime")) {
            start = read.date(r.get("effectiveDateTime").asText());
        }
        if (start == null && r.hasNonNull("authoredOn")) {
            start = read.date(r.get("authoredOn").asText());
        }
        read.draft.medications.add(new Medication(
                medicine.code(),
                medicine.text(),
                dose,
                frequency,
                mapped,
                start,
                end,
                Dosages.asNeeded(dosage),
                medicine.ingredients()));
        return true;
    }

    /** A draft or active ketamine order is the session being ordered; only the first is. */
    private static boolean order(
            JsonNode r,
            ReadContext read,
            MedicationConcepts.Described medicine,
            Product product,
            JsonNode dosage,
            String status) {
        if (!status.equals("draft") && !status.equals("active")) {
            read.issue(r, "ketamine order with status " + status + ": not the session being ordered");
            return false;
        }
        if (read.draft.order != null) {
            read.issue(
                    r,
                    "a second ketamine or esketamine order: only the first (" + read.draft.order.label()
                            + ") is checked as the session being ordered; check this one on its own");
            return false;
        }
        read.draft.order = new RecordDraft.Order(
                product,
                Dosages.route(dosage.path("route"), product, medicine.form(), r, read),
                Dosages.orderDose(dosage.path("doseAndRate").path(0), r, read),
                Phases.recorded(r),
                Values.label(r));
        return true;
    }

    /** Whether a MedicationRequest is a draft or active order for ketamine or esketamine. */
    static boolean isKetamineOrder(JsonNode r, ReadContext read) {
        if (!r.path("resourceType").asText().equals("MedicationRequest")) {
            return false;
        }
        MedicationConcepts.Described medicine = MedicationConcepts.of(r, read);
        return medicine != null && medicine.identified() && read.vocabulary.ketamineProduct(medicine.probe()) != null;
    }

    /** A ketamine order the record holds but that was not evaluated: the record is about ketamine, and says so. */
    static NotEvaluated unevaluatedOrder(String reason) {
        return new NotEvaluated(
                NotEvaluated.KETAMINE_ORDER,
                reason,
                "medication-interaction",
                "contraindication",
                "caution",
                "pre-session",
                "maintenance");
    }

    /**
     * An entry whose medicine the record does not identify (no concept, a reference not in the input, or a
     * Medication with neither a code nor ingredients): a current one is listed as not checked, so a card says so.
     */
    private static boolean unidentified(
            JsonNode r, ReadContext read, MedicationConcepts.Described medicine, String type, String status) {
        String ref = MedicationConcepts.reference(r);
        String where = medicine != null
                ? "its Medication " + ref + " has no code, text or ingredient"
                : ref == null
                        ? "no medication (medicationCodeableConcept or medicationReference)"
                        : "its medication reference "
                                + (ref.startsWith("#")
                                        ? ref + " is not among its contained resources"
                                        : ref + " is not in the input");
        if (NOT_CURRENT.contains(status)) {
            read.issue(r, where + "; status " + status + ", so not current");
            return false;
        }
        if (status.equals("draft")) {
            // An order being placed whose medicine cannot be told may be a ketamine order: not skipped in silence.
            read.report.notEvaluatedOnce(
                    unevaluatedOrder(Values.label(r) + ", an order being placed, does not say which "
                            + "medicine it is (" + where + "): if it is ketamine or esketamine, it was not checked"));
        }
        read.issue(r, where + ": listed as not checked");
        read.draft.medications.add(Medication.active(
                medicine != null
                        ? "a medication the record did not identify (" + ref + " has no code or ingredient)"
                        : "a medication the record did not include ("
                                + (ref == null
                                        ? type
                                        : ref.startsWith("#") ? "contained " + ref : "reference not resolved")
                                + ")"));
        return true;
    }
}
