package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.ketaminecds.fact.Phase;

/**
 * The phase a ketamine order or administration records (extension {@value FhirCodes#PHASE_EXTENSION}); when the
 * record does not say, it is left unknown and the rules derive it from the course. Stateless.
 */
final class Phases {
    private Phases() {}

    /** The recorded phase, or null. */
    static Phase recorded(JsonNode r) {
        for (JsonNode ext : r.path("extension")) {
            if (FhirCodes.PHASE_EXTENSION.equals(ext.path("url").asText())) {
                return Values.enumOf(Phase.class, ext.path("valueCode").asText(null), "phase");
            }
        }
        return null;
    }
}
