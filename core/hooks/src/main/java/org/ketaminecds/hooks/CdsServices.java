package org.ketaminecds.hooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard Ketamine CDS services, one per hook.
 *
 * @since 0.1.0
 */
public final class CdsServices {
    /**
     * Prefetch templates shared by every service: the patient's record as FHIR searches, narrowed to what the reader
     * uses. Observations by the codes of the reader's code table (vital signs, rating scales, session-day facts), up to
     * 1,000 a page; medications, administrations, appointments, procedures and questionnaire responses by the statuses
     * that are read. No date look-back: CDS Hooks 2.0 tokens have no relative dates, and a course's baseline rating may
     * be months old. The service fills the same templates when it fetches what the client did not send.
     */
    public static final Map<String, String> PREFETCH;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        String patient = "patient={{context.patientId}}";
        p.put("patient", "Patient/{{context.patientId}}");
        p.put("conditions", "Condition?" + patient);
        p.put("allergies", "AllergyIntolerance?" + patient);
        p.put("medicationRequests", "MedicationRequest?" + patient + "&status=active,on-hold,draft,unknown");
        p.put("medicationStatements", "MedicationStatement?" + patient + "&status=active,intended,on-hold,unknown");
        p.put(
                "observations",
                "Observation?" + patient + "&code=" + org.ketaminecds.fhir.FhirReader.observationCodes()
                        + "&_count=1000");
        p.put("questionnaireResponses", "QuestionnaireResponse?" + patient + "&status=completed,amended");
        p.put("administrations", "MedicationAdministration?" + patient + "&status=completed,in-progress");
        p.put("appointments", "Appointment?" + patient + "&status=booked,pending,proposed,noshow,cancelled");
        p.put("procedures", "Procedure?" + patient + "&status=completed,in-progress");
        PREFETCH = java.util.Collections.unmodifiableMap(p);
    }

    private static final Set<String> ORDER_TOPICS =
            Set.of("medication-interaction", "medication-review", "contraindication", "caution");

    private CdsServices() {}

    /** The five standard services. */
    public static List<CdsService> standard() {
        return List.of(
                new CdsService(
                        "ketamine-course-overview",
                        "patient-view",
                        "Ketamine CDS: course overview",
                        "Where a ketamine or esketamine course stands: suicidality first, the response trajectory "
                                + "(worse before better, persistent worsening, non-response), maintenance and therapy "
                                + "integration, and the medication-list review.",
                        PREFETCH,
                        Set.of("patient"),
                        List.of("patientId"),
                        Set.of("suicidality", "trajectory", "maintenance", "therapy-integration", "medication-review")),
                new CdsService(
                        "ketamine-order-select",
                        "order-select",
                        "Ketamine CDS: ketamine order check",
                        "When a ketamine or esketamine order is selected: interactions with the medication list, "
                                + "contraindications and cautions.",
                        PREFETCH,
                        Set.of("patient", "medicationRequests"),
                        List.of("patientId", "selections", "draftOrders"),
                        ORDER_TOPICS),
                new CdsService(
                        "ketamine-order-sign",
                        "order-sign",
                        "Ketamine CDS: ketamine order check",
                        "Before a ketamine or esketamine order is signed: interactions with the medication list, "
                                + "contraindications and cautions.",
                        PREFETCH,
                        Set.of("patient", "medicationRequests"),
                        List.of("patientId", "draftOrders"),
                        ORDER_TOPICS),
                new CdsService(
                        "ketamine-appointment-book",
                        "appointment-book",
                        "Ketamine CDS: session booking",
                        "When a ketamine or esketamine session is booked: fit with the label schedule, missed "
                                + "sessions and maintenance.",
                        PREFETCH,
                        Set.of("patient", "administrations"),
                        List.of("patientId", "appointments"),
                        Set.of("maintenance")),
                new CdsService(
                        "ketamine-session-day",
                        "encounter-start",
                        "Ketamine CDS: session-day screen",
                        "At the start of a session: contraindications and cautions, interactions, pre-dose checks, "
                                + "monitoring, challenging experiences, discharge readiness and suicidality.",
                        PREFETCH,
                        Set.of("patient", "medicationRequests"),
                        List.of("patientId", "encounterId"),
                        Set.of(
                                "pre-session",
                                "contraindication",
                                "caution",
                                "medication-interaction",
                                "medication-review",
                                "suicidality",
                                "monitoring",
                                "challenging-experience",
                                "discharge")));
    }
}
