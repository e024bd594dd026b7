package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.EvaluationException;
import org.ketaminecds.Evaluation;
import org.ketaminecds.InvalidFactException;
import org.ketaminecds.cds.Card;
import org.ketaminecds.fhir.FhirIssue;
import org.ketaminecds.fhir.FhirReadResult;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.json.CdsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDS Hooks 2.0 without a transport: discovery, service calls and feedback as JSON in, status and JSON out. Hosts
 * that already run an HTTP stack call it directly; the example service wraps it in Javalin.
 *
 * <p>Service calls: a malformed request is 400 with an OperationOutcome; prefetch the client did not send is
 * fetched from {@code fhirServer} with the {@code fhirAuthorization} bearer token (when a {@link FhirFetcher} is
 * configured); required data that still cannot be had is 412 with an OperationOutcome naming what is missing. An
 * evaluation that cannot run is 500, never a 200 with an empty card list. The evaluation instant is the handler's
 * clock. Thread-safe.
 *
 * @since 0.1.0
 */
public final class CdsHooksHandler {
    /** Key of the response extension listing FHIR input that was not mapped. */
    public static final String FHIR_ISSUES = "fhirIssues";

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksHandler.class);

    private final CdsEngine engine;
    private final FhirReader reader;
    private final Clock clock;
    private final FhirFetcher fetcher;
    private final FeedbackSink sink;
    private final Map<String, CdsService> services = new LinkedHashMap<>();

    /**
     * @param fetcher fetches missing prefetch from the client's FHIR server; null to never fetch
     */
    public CdsHooksHandler(CdsEngine engine, FhirReader reader, Clock clock, FhirFetcher fetcher, FeedbackSink sink,
            List<CdsService> services) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fetcher = fetcher;
        this.sink = Objects.requireNonNull(sink, "sink");
        for (CdsService s : services) {
            this.services.put(s.id(), s);
        }
    }

    /** The standard services, the bundled rules and table, the system clock, no fetching, logging feedback. */
    public static CdsHooksHandler standard(CdsEngine engine, FhirFetcher fetcher) {
        return new CdsHooksHandler(engine, FhirReader.bundled(), Clock.systemDefaultZone(), fetcher,
                FeedbackSink.logging(), CdsServices.standard());
    }

    public List<CdsService> services() {
        return List.copyOf(services.values());
    }

    /** {@code GET /cds-services}: the discovery document. */
    public String discovery() {
        ObjectNode root = CdsJson.object();
        ArrayNode list = root.putArray("services");
        for (CdsService s : services.values()) {
            ObjectNode n = list.addObject();
            n.put("hook", s.hook());
            n.put("title", s.title());
            n.put("description", s.description());
            n.put("id", s.id());
            ObjectNode prefetch = n.putObject("prefetch");
            s.prefetch().forEach(prefetch::put);
        }
        return CdsJson.write(root);
    }

    /** {@code POST /cds-services/{id}}: one service call. */
    public HookResponse invoke(String serviceId, String requestJson) {
        CdsService service = services.get(serviceId);
        if (service == null) {
            return outcome(404, "not-found", "no CDS service with id '" + serviceId + "'");
        }
        JsonNode request;
        try {
            request = CdsJson.readTree(requestJson);
        } catch (InvalidFactException e) {
            return outcome(400, "invalid", "malformed JSON: " + e.getMessage());
        }
        String problem = validate(service, request);
        if (problem != null) {
            return outcome(400, "invalid", problem);
        }
        ObjectNode input = CdsJson.object();
        List<String> missing = new ArrayList<>();
        JsonNode prefetch = request.path("prefetch");
        String fhirServer = request.path("fhirServer").asText(null);
        String token = request.path("fhirAuthorization").path("access_token").asText(null);
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String key = template.getKey();
            if (prefetch.has(key) && !(service.required().contains(key) && failed(prefetch.get(key)))) {
                input.set(key, prefetch.get(key));
                continue;
            }
            JsonNode fetched = fetch(fhirServer, token, fill(template.getValue(), request.path("context")), key);
            if (fetched != null) {
                input.set(key, fetched);
            } else if (service.required().contains(key)) {
                missing.add(key + " (" + fill(template.getValue(), request.path("context")) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return outcome(412, "required", "required data could not be obtained: " + String.join(", ", missing)
                    + (fhirServer == null ? "; no fhirServer was given to fetch it from" : ""));
        }
        JsonNode context = request.path("context");
        if (context.has("draftOrders")) {
            input.set("draftOrders", context.get("draftOrders"));
        }
        FhirReadResult read;
        OffsetDateTime asOf = OffsetDateTime.now(clock);
        try {
            read = context.has("appointments") && service.hook().equals("appointment-book")
                    ? reader.read(input, asOf, context.get("appointments"))
                    : reader.read(input, asOf);
        } catch (InvalidFactException e) {
            return outcome(412, "required", "the patient's data could not be read: " + e.getMessage());
        }
        Evaluation evaluation;
        try {
            evaluation = engine.evaluate(read.context()).withNotEvaluated(read.notEvaluated());
        } catch (EvaluationException e) {
            LOG.trace("Evaluation failed", e);
            return outcome(500, "exception", e.getMessage());
        }
        List<Card> shown = new ArrayList<>();
        for (Card card : evaluation.cards()) {
            if (card.source().topic() != null && service.topics().contains(card.source().topic().code())) {
                shown.add(card);
            }
        }
        Evaluation filtered = evaluation.withCards(shown);
        ObjectNode response = CdsJson.responseTree(filtered);
        ObjectNode ext = (ObjectNode) response.path("extension").path(CdsJson.EVALUATION_EXTENSION);
        ext.put("service", service.id());
        if (!read.issues().isEmpty()) {
            ArrayNode issues = ext.putArray(FHIR_ISSUES);
            for (FhirIssue i : read.issues()) {
                issues.addObject().put("resource", i.resource()).put("problem", i.problem());
            }
        }
        LOG.debug("Service {} hook {}: {} cards of {}, status {}, {} FHIR resources mapped, {} not",
                service.id(), service.hook(), shown.size(), evaluation.cards().size(), evaluation.status(),
                read.mapped(), read.issues().size());
        return new HookResponse(200, CdsJson.write(response));
    }

    private JsonNode fetch(String fhirServer, String token, String query, String key) {
        if (fetcher == null || fhirServer == null) {
            return null;
        }
        try {
            return fetcher.fetch(fhirServer, token, query);
        } catch (Exception e) {
            LOG.debug("Prefetch {} could not be fetched: {}", key, e.getClass().getSimpleName());
            return null;
        }
    }

    /** Replaces {@code {{context.x}}} tokens with the context's values. */
    static String fill(String template, JsonNode context) {
        String result = template;
        int start;
        while ((start = result.indexOf("{{context.")) >= 0) {
            int end = result.indexOf("}}", start);
            String field = result.substring(start + 10, end);
            result = result.substring(0, start) + context.path(field).asText("") + result.substring(end + 2);
        }
        return result;
    }

    /**
     * A prefetch value that says the client could not get the data: an OperationOutcome instead of the data, or a
     * search Bundle that holds only OperationOutcomes.
     */
    private static boolean failed(JsonNode value) {
        if (value == null || value.path("resourceType").asText("").equals("OperationOutcome")) {
            return value != null;
        }
        if (!value.path("resourceType").asText("").equals("Bundle") || value.path("entry").isEmpty()) {
            return false;
        }
        for (JsonNode entry : value.path("entry")) {
            if (!entry.path("resource").path("resourceType").asText("").equals("OperationOutcome")) {
                return false;
            }
        }
        return true;
    }

    private static String validate(CdsService service, JsonNode request) {
        if (!request.isObject()) {
            return "the request must be a JSON object";
        }
        if (!service.hook().equals(request.path("hook").asText(null))) {
            return "hook must be '" + service.hook() + "' for service " + service.id() + ", was '"
                    + request.path("hook").asText("(missing)") + "'";
        }
        if (request.path("hookInstance").asText("").isBlank()) {
            return "hookInstance is required";
        }
        JsonNode context = request.get("context");
        if (context == null || !context.isObject()) {
            return "context is required and must be an object";
        }
        for (String field : service.requiredContext()) {
            JsonNode value = context.get(field);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                return "context." + field + " is required for the " + service.hook() + " hook";
            }
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
                try {
                    OffsetDateTime.parse(start.asText(""));
                } catch (DateTimeParseException e) {
                    return "context.appointments[" + i + "].start must be a FHIR instant with a time zone";
                }
                if (!start.isTextual()) {
                    return "context.appointments[" + i + "].start must be a string";
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
            if (!"Bearer".equals(auth.get("token_type").asText())) {
                return "fhirAuthorization.token_type must be Bearer";
            }
        }
        return null;
    }

    /** {@code POST /cds-services/{id}/feedback}: validates every entry, then hands each to the sink. */
    public HookResponse feedback(String serviceId, String json) {
        if (!services.containsKey(serviceId)) {
            return outcome(404, "not-found", "no CDS service with id '" + serviceId + "'");
        }
        JsonNode root;
        try {
            root = CdsJson.readTree(json);
        } catch (InvalidFactException e) {
            return outcome(400, "invalid", "malformed JSON: " + e.getMessage());
        }
        JsonNode list = root.path("feedback");
        if (!list.isArray() || list.isEmpty()) {
            return outcome(400, "invalid", "feedback must be a non-empty array");
        }
        List<FeedbackEvent> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            String where = "feedback[" + i + "]";
            String card = f.path("card").asText("");
            if (card.isBlank()) {
                return outcome(400, "invalid", where + ".card (the card uuid) is required");
            }
            String outcome = f.path("outcome").asText("");
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                return outcome(400, "invalid", where + ".outcome must be accepted or overridden, was '" + outcome + "'");
            }
            List<String> accepted = new ArrayList<>();
            for (JsonNode s : f.path("acceptedSuggestions")) {
                if (s.path("id").asText("").isBlank()) {
                    return outcome(400, "invalid", where + ".acceptedSuggestions entries need an id");
                }
                accepted.add(s.get("id").asText());
            }
            if (!accepted.isEmpty() && !outcome.equals("accepted")) {
                return outcome(400, "invalid", where + ".acceptedSuggestions is only allowed with outcome accepted");
            }
            String reason = null;
            boolean comment = false;
            if (f.has("overrideReason")) {
                if (!outcome.equals("overridden")) {
                    return outcome(400, "invalid", where + ".overrideReason is only allowed with outcome overridden");
                }
                JsonNode r = f.get("overrideReason");
                JsonNode coding = r.path("reason");
                if (coding.isObject()) {
                    if (coding.path("code").asText("").isBlank() || coding.path("system").asText("").isBlank()) {
                        return outcome(400, "invalid", where + ".overrideReason.reason must be a Coding with system and code");
                    }
                    reason = coding.get("system").asText() + "|" + coding.get("code").asText();
                }
                comment = r.hasNonNull("userComment") && !r.get("userComment").asText().isBlank();
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(f.path("outcomeTimestamp").asText("")).toInstant();
            } catch (DateTimeParseException e) {
                return outcome(400, "invalid", where + ".outcomeTimestamp must be an ISO-8601 instant, was '"
                        + f.path("outcomeTimestamp").asText("(missing)") + "'");
            }
            events.add(new FeedbackEvent(serviceId, card, outcome, accepted, reason, comment, at));
        }
        events.forEach(sink::accept);
        return new HookResponse(200, "{}");
    }

    /** An OperationOutcome with one issue. */
    public static HookResponse outcome(int status, String code, String diagnostics) {
        ObjectNode oo = CdsJson.object();
        oo.put("resourceType", "OperationOutcome");
        oo.putArray("issue").addObject().put("severity", "error").put("code", code).put("diagnostics", diagnostics);
        return new HookResponse(status, CdsJson.write(oo));
    }
}
