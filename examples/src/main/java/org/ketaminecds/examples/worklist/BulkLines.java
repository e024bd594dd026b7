package org.ketaminecds.examples.worklist;

import com.fasterxml.jackson.databind.JsonNode;

/** How a Bulk Data NDJSON line is filed: by the patient it is about. */
public final class BulkLines {
    private BulkLines() {}

    /**
     * The FHIR id of the patient a resource is about: a Patient's own id; otherwise its {@code subject},
     * {@code patient} or (Appointment) a participant that is a Patient. Null for shared resources (Medication) and for
     * resources that name no patient.
     */
    public static String patientOf(JsonNode r) {
        String type = r.path("resourceType").asText("");
        if (type.equals("Patient")) {
            return r.path("id").isTextual() ? r.path("id").asText() : null;
        }
        String id = patientId(r.path("subject").path("reference").asText(null));
        if (id == null) {
            id = patientId(r.path("patient").path("reference").asText(null));
        }
        if (id == null && type.equals("Appointment")) {
            for (JsonNode p : r.path("participant")) {
                id = patientId(p.path("actor").path("reference").asText(null));
                if (id != null) {
                    break;
                }
            }
        }
        return id;
    }

    /** "abc" from "Patient/abc", "https://x/fhir/Patient/abc" or "Patient/abc/_history/2"; null otherwise. */
    static String patientId(String reference) {
        if (reference == null) {
            return null;
        }
        int at = reference.lastIndexOf("Patient/");
        if (at < 0 || (at > 0 && reference.charAt(at - 1) != '/')) {
            return null;
        }
        String rest = reference.substring(at + "Patient/".length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        return id.matches("[A-Za-z0-9\\-.]{1,64}") ? id : null;
    }
}
