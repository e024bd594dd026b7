package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a hook request must be before anything is read or fetched (CDS Hooks 2.0): the service's hook, a UUID
 * hookInstance, the context fields the hook requires, FHIR ids where ids go, an object prefetch, parseable proposed
 * appointment starts, and a complete bearer fhirAuthorization with its fhirServer. Each problem is named by its field.
 */
final class HookRequests {
    /** A FHIR resource id (the pattern of FHIR R4's id type). */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** A UUID in its canonical text form. */
    static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A coded value: printable ASCII without spaces, at most 128 characters (a system URL or a code, never prose). */
    static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private HookRequests() {}

    /** The parsed request and its filled prefetch queries, or the 400 that names what is wrong (exactly one set). */
    record Parsed(JsonNode request, java.util.Map<String, String> queries, HookResponse error) {}

    /** Parses, validates and fills the service's prefetch templates from the context. */
    static Parsed parse(CdsService service, String json) {
        JsonNode request;
        try {
            request = org.ketaminecds.json.CdsJson.readTree(json);
        } catch (org.ketaminecds.fact.InvalidFactException e) {
            return invalid("malformed JSON: " + e.getMessage());
        }
        String problem = validate(service, request);
        if (problem != null) {
            return invalid(problem);
        }
        java.util.Map<String, String> queries = PrefetchResolver.queries(service, request.path("context"));
        for (java.util.Map.Entry<String, String> q : queries.entrySet()) {
            if (q.getValue() == null) {
                return invalid("prefetch template " + q.getKey() + " names a context field "
                        + "the request does not give as a FHIR id");
            }
        }
        return new Parsed(request, queries, null);
    }

    private static Parsed invalid(String diagnostics) {
        return new Parsed(null, null, CdsHooksHandler.outcome(400, "invalid", diagnostics));
    }

    /**
     * The first problem of the request, in words naming the field, or null when it is well-formed.
     *
     * @param service the service called
     * @param request the parsed request
     * @return the problem, or null
     */
    static String validate(CdsService service, JsonNode request) {
        if (!request.isObject()) {
            return "the request must be a JSON object";
        }
        if (!service.hook().equals(request.path("hook").asText(null))) {
            return "hook must be '" + service.hook() + "' for this service";
        }
        String hookInstance = request.path("hookInstance").asText("");
        if (hookInstance.isBlank() || !request.get("hookInstance").isTextual()) {
            return "hookInstance is required";
        }
        if (!UUID_PATTERN.matcher(hookInstance).matches()) {
            return "hookInstance must be a UUID (CDS Hooks 2.0: a universally unique identifier for this invocation)";
        }
        JsonNode context = request.get("context");
        if (context == null || !context.isObject()) {
            return "context is required and must be an object";
        }
        for (String field : service.requiredContext()) {
            JsonNode value = context.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                return "context." + field + " is required for the " + service.hook() + " hook";
            }
        }
        JsonNode patientId = context.get("patientId");
        if (patientId != null
                && !(patientId.isTextual()
                        && FHIR_ID.matcher(patientId.asText()).matches())) {
            return "context.patientId must be a FHIR id (letters, digits, '-' and '.', at most 64)";
        }
        JsonNode encounterId = context.get("encounterId");
        if (encounterId != null
                && !encounterId.isNull()
                && !(encounterId.isTextual()
                        && FHIR_ID.matcher(encounterId.asText()).matches())) {
            return "context.encounterId must be a FHIR id (letters, digits, '-' and '.', at most 64)";
        }
        if (request.has("prefetch") && !request.get("prefetch").isObject()) {
            return "prefetch must be an object";
        }
        JsonNode appointments = context.path("appointments");
        List<JsonNode> proposed = new ArrayList<>();
        if (appointments.path("resourceType").asText("").equals("Bundle")) {
            appointments.path("entry").forEach(e -> proposed.add(e.path("resource")));
        } else if (appointments.isArray()) {
            appointments.forEach(proposed::add);
        } else if (appointments.isObject()) {
            proposed.add(appointments);
        }
        for (int i = 0; i < proposed.size(); i++) {
            JsonNode start = proposed.get(i).path("start");
            if (!start.isMissingNode()) {
                if (!start.isTextual()) {
                    return "context.appointments[" + i + "].start must be a string";
                }
                try {
                    OffsetDateTime.parse(start.asText(""));
                } catch (DateTimeParseException e) {
                    return "context.appointments[" + i + "].start must be a FHIR instant with a time zone";
                }
            }
        }
        JsonNode auth = request.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (request.path("fhirServer").asText("").isBlank()) {
                return "fhirServer is required when fhirAuthorization is given";
            }
            for (String f : List.of("access_token", "token_type", "expires_in", "scope", "subject")) {
                if (!auth.hasNonNull(f)) {
                    return "fhirAuthorization." + f + " is required";
                }
            }
            if (!"Bearer".equalsIgnoreCase(auth.get("token_type").asText())) {
                return "fhirAuthorization.token_type must be Bearer";
            }
        }
        return null;
    }
}
