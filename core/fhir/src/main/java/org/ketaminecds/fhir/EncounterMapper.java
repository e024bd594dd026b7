package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Encounter: context only (administrations name theirs, which makes them one session); the session comes from
 * MedicationAdministration, MedicationRequest or Appointment. Reported as read for context.
 */
final class EncounterMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("Encounter");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        read.issue(
                r,
                "read for context only; the session comes from MedicationAdministration, MedicationRequest or Appointment");
        return false;
    }
}
