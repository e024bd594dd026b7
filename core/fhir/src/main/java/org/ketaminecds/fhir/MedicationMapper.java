package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Medication: read through the order, statement or administration that refers to it (the reader maps Medications
 * last); one nothing refers to is reported.
 */
final class MedicationMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("Medication");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        if (read.index.isReferenced(r)) {
            return true;
        }
        read.issue(
                r,
                "a Medication that no MedicationRequest, MedicationStatement or MedicationAdministration in the input "
                        + "refers to: not used");
        return false;
    }
}
