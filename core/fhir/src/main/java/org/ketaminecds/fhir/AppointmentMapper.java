package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;

/**
 * Appointment, when it is about the ketamine course: a ketamine session (its type, service type, reason or description
 * names ketamine, esketamine or a product of theirs) or a follow-up (they say follow-up). A future booked, pending or
 * proposed one is the next session or the follow-up; a past no-show or cancellation of a session is a missed session.
 * Any other appointment (a dentist's, a blood test) is reported as not used: a booked dental visit is not a next
 * session, and a cancelled one is not a missed session.
 */
final class AppointmentMapper implements ResourceMapper {
    private static final Set<String> PLANNED = Set.of("booked", "pending", "proposed");

    @Override
    public Set<String> types() {
        return Set.of("Appointment");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        if (!r.hasNonNull("start")) {
            read.issue(r, "appointment without a start");
            return false;
        }
        Instant start = read.instant(r.get("start").asText());
        String status = r.path("status").asText("");
        boolean followUp =
                FhirCodes.FOLLOW_UP.equals(Values.code(r.path("appointmentType"), FhirCodes.LOCAL_OBSERVATION))
                        || saysFollowUp(r.path("serviceType"))
                        || saysFollowUp(r.path("appointmentType"))
                        || Values.says(r.path("description").asText(null), "follow");
        boolean session = !followUp && ketamineSession(r, read);
        if (!followUp && !session) {
            read.issue(
                    r,
                    "appointment " + status + " at " + start + ": not identified as a ketamine or esketamine "
                            + "session or a follow-up (its type, service type, reason and description do not say so): not used");
            return false;
        }
        RecordDraft draft = read.draft;
        if (read.afterAsOf(start) && PLANNED.contains(status)) {
            if (followUp) {
                draft.followUpAt =
                        draft.followUpAt == null || start.isBefore(draft.followUpAt) ? start : draft.followUpAt;
            } else {
                draft.nextSessionAt = draft.nextSessionAt == null || start.isBefore(draft.nextSessionAt)
                        ? start
                        : draft.nextSessionAt;
            }
            return true;
        }
        if (!read.afterAsOf(start) && (status.equals("noshow") || status.equals("cancelled")) && !followUp) {
            draft.missed.add(new PriorSession(
                    start, status.equals("noshow") ? Attendance.MISSED : Attendance.CANCELLED, null, null, null, null));
            return true;
        }
        read.issue(r, "appointment " + status + " at " + start + ": not used");
        return false;
    }

    /** Whether the appointment names ketamine or esketamine (by a product the drug table knows, or the words). */
    private static boolean ketamineSession(JsonNode r, ReadContext read) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        texts.add(r.path("description").asText(null));
        for (String field :
                new String[] {"serviceType", "appointmentType", "reasonCode", "serviceCategory", "specialty"}) {
            for (JsonNode c : Values.each(r.path(field))) {
                texts.add(Values.text(c));
            }
        }
        for (String text : texts) {
            if (text != null
                    && !text.isBlank()
                    && read.vocabulary.ketamineProduct(org.ketaminecds.fact.Medication.active(text)) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean saysFollowUp(JsonNode concepts) {
        for (JsonNode c : Values.each(concepts)) {
            if (Values.says(Values.text(c), "follow")) {
                return true;
            }
        }
        return false;
    }
}
