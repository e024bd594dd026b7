package org.ketaminecds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** FHIR fixtures (written by us in US Core shape, in the rules module) and requests built from them. */
final class ServiceFixtures {
    static final Path FHIR = Path.of("../../core/fhir/src/test/resources/fhir");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T15:30:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    private ServiceFixtures() {}

    /** The standard services over the bundled rules, at the fixed clock, without fetching. */
    static org.ketaminecds.hooks.CdsHooksHandler standardHandler() {
        return org.ketaminecds.hooks.CdsHooksHandler.builder(org.ketaminecds.CdsEngine.create())
                .clock(CLOCK)
                .build();
    }

    static JsonNode fixture(String name) {
        try {
            return JSON.readTree(FHIR.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode fullPrefetch() {
        ObjectNode p = JSON.createObjectNode();
        p.set("patient", fixture("patient.json"));
        p.set("conditions", fixture("conditions.bundle.json"));
        p.putNull("allergies");
        p.set("medicationRequests", fixture("medication-list.bundle.json"));
        p.set("medicationStatements", fixture("medication-statements.bundle.json"));
        p.set("observations", fixture("observations.bundle.json"));
        p.set("questionnaireResponses", fixture("phq9.questionnaire-response.json"));
        p.set("administrations", fixture("session.bundle.json"));
        p.putNull("appointments");
        p.putNull("procedures");
        return p;
    }

    static ObjectNode request(String hook, ObjectNode prefetch) {
        ObjectNode r = JSON.createObjectNode();
        r.put("hook", hook);
        r.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        ObjectNode context = r.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", "pt-1001");
        switch (hook) {
            case "order-select", "order-sign" -> {
                context.putArray("selections").add("MedicationRequest/draft-esk");
                try {
                    context.set("draftOrders", JSON.readTree("""
                        {"resourceType":"Bundle","type":"collection","entry":[{"resource":{
                          "resourceType":"MedicationRequest","id":"draft-esk","status":"draft","intent":"order",
                          "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"2201625","display":"esketamine Nasal Spray [Spravato]"}]},
                          "subject":{"reference":"Patient/pt-1001"},
                          "dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":84,"code":"mg"}}]}]}}]}"""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case "appointment-book" -> {
                ObjectNode bundle = context.putObject("appointments");
                bundle.put("resourceType", "Bundle");
                bundle.put("type", "collection");
                ObjectNode appt = bundle.putArray("entry").addObject().putObject("resource");
                appt.put("resourceType", "Appointment");
                appt.put("id", "proposed-1");
                appt.put("status", "proposed");
                appt.put("start", "2026-03-13T14:30:00Z");
            }
            case "encounter-start" -> context.put("encounterId", "enc-0312");
            default -> {}
        }
        if (prefetch != null) {
            r.set("prefetch", prefetch);
        }
        return r;
    }
}
