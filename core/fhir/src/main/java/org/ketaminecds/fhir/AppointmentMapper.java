package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;

/**
 * Appointment: a future booked, pending or proposed one is the next session (or the follow-up, when its type,
 * service type or description says so); a past no-show or cancellation is a missed session. Others are reported.
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

    private static boolean saysFollowUp(JsonNode concepts) {
        for (JsonNode c : Values.each(concepts)) {
            if (Values.says(Values.text(c), "follow")) {
                return true;
            }
        }
        return false;
    }
}
