package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.EvaluationException;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fhir.FhirReadResult;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.json.CdsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDS Hooks 2.0 without a transport: discovery, service calls and feedback as JSON in, status and JSON out. Hosts
 * that already run an HTTP stack call it directly; the example service wraps it in Javalin.
 *
 * <p>Service calls: a malformed request is 400 with an OperationOutcome (context values used in prefetch templates
 * must be FHIR ids; templates are filled in one pass, values percent-encoded); prefetch the client did not send (or
 * sent as an OperationOutcome) is fetched from {@code fhirServer} with the {@code fhirAuthorization} bearer token,
 * only when a {@link FhirFetcher} is configured and {@link FhirServerPolicy} allows that server for that client, the
 * keys in parallel within one time budget; required data that still cannot be had is 412 with an OperationOutcome
 * naming what is missing. An evaluation that cannot run is 500 with a correlation id (logged at WARN), never a 200
 * with an empty card list. A card is shown by the services of its rule's {@code @hooks}, or else by those whose
 * topics include its topic; building a handler where some recommendation rule would be shown by no service fails.
 * The evaluation instant is the handler's clock, whose zone is the clinic's (calendar-day rules use it). Error
 * bodies never echo request values back. Thread-safe.
 *
 * @since 0.1.0
 */
public final class CdsHooksHandler implements AutoCloseable {
    /** Key of the response extension listing FHIR input that was not mapped. */
    public static final String FHIR_ISSUES = FhirReadResult.ISSUES_KEY;
    /** Most entries accepted in one feedback call. */
    public static final int MAX_FEEDBACK_ENTRIES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksHandler.class);

    private final CdsEngine engine;
    private final FhirReader reader;
    private final Clock clock;
    private final PrefetchResolver prefetch;
    private final FeedbackSink sink;
    private final CardLedger ledger;
    private final HookAnswers answers;
    private final ReportPublisher reports;
    private final HookListener listener;
    private final Map<String, CdsService> services = new LinkedHashMap<>();
    /** Reads and evaluations under way at once, at most; the others wait their turn (first come, first served). */
    private final java.util.concurrent.Semaphore evaluating;

    CdsHooksHandler(CdsHooksHandlerBuilder b) {
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.reader = b.reader != null ? b.reader : new FhirReader(engine.medications());
        this.clock = b.clock;
        this.evaluating = new java.util.concurrent.Semaphore(b.concurrentEvaluations, true);
        this.sink = b.sink;
        this.ledger = b.ledger;
        this.reports = b.reports;
        this.listener = b.listener;
        for (CdsService s : b.services) {
            this.services.put(s.id(), s);
        }
        this.answers = new HookAnswers(ledger, engine.rules(), clock, listener);
        this.prefetch = new PrefetchResolver(
                b.fetcher, b.fhirServers, b.fetchBudget, b.fetchExecutor, b.fetchThreads, b.listener);
    }

    /**
     * The standard services, the engine's tables, the system clock in the clinic's zone, no fetching, logging
     * feedback.
     *
     * @param engine the engine
     * @param fetcher ignored unless a FHIR server policy allows fetching (use the builder)
     * @param zone the clinic's time zone
     * @return the handler
     */
    public static CdsHooksHandler standard(CdsEngine engine, FhirFetcher fetcher, java.time.ZoneId zone) {
        return builder(engine).fetcher(fetcher).zone(zone).build();
    }

    /**
     * A builder of a handler for this engine: the standard services, no fetching, feedback logged. The clinic's clock
     * or zone must be given ({@link CdsHooksHandlerBuilder#clock}, {@link CdsHooksHandlerBuilder#zone}).
     *
     * @param engine the engine
     * @return a new builder
     */
    public static CdsHooksHandlerBuilder builder(CdsEngine engine) {
        return new CdsHooksHandlerBuilder(engine);
    }

    /**
     * The services offered.
     *
     * @return the services, in discovery order
     */
    public List<CdsService> services() {
        return List.copyOf(services.values());
    }

    /**
     * {@code GET /cds-services}: the discovery document.
     *
     * @return the discovery document as JSON
     */
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

    /**
     * {@code POST /cds-services/{id}}: one service call without client authentication (development).
     *
     * @param serviceId the service's id
     * @param requestJson the CDS Hooks request
     * @return the response (status and body)
     */
    public HookResponse invoke(String serviceId, String requestJson) {
        return invoke(serviceId, requestJson, null);
    }

    /**
     * {@code POST /cds-services/{id}}: one service call.
     *
     * @param clientIssuer the authenticated client's issuer ({@code iss} of its JWT), which selects the FHIR servers
     *     it may have fetched from; null for an unauthenticated call
     *
     * @param serviceId the service's id
     * @param requestJson the CDS Hooks request
     * @return the response (status and body)
     */
    public HookResponse invoke(String serviceId, String requestJson, String clientIssuer) {
        long started = System.nanoTime();
        HookResponse response;
        try {
            response = call(serviceId, requestJson, clientIssuer, started);
        } catch (RuntimeException e) {
            String reference = java.util.UUID.randomUUID().toString();
            LOG.warn(
                    "Service {} failed ({}); correlation id {}",
                    services.containsKey(serviceId) ? serviceId : "?",
                    e.getClass().getSimpleName(),
                    reference);
            LOG.trace("Service failure " + reference, e);
            response = outcome(500, "exception", "the request could not be processed; correlation id " + reference);
        }
        listener.responded(
                services.containsKey(serviceId) ? serviceId : "unknown",
                response.status(),
                System.nanoTime() - started);
        return response;
    }

    private HookResponse call(String serviceId, String requestJson, String clientIssuer, long started) {
        CdsService service = services.get(serviceId);
        if (service == null) {
            return outcome(404, "not-found", "no CDS service with this id");
        }
        HookRequests.Parsed parsed = HookRequests.parse(service, requestJson);
        if (parsed.error() != null) {
            return parsed.error();
        }
        JsonNode context = parsed.request().path("context");
        Evaluation orders = otherOrders(service, context);
        if (orders != null) {
            return answers.silent(service, orders, started);
        }
        PrefetchResolver.Resolved data = prefetch.resolve(service, parsed.request(), parsed.queries(), clientIssuer);
        if (data.error() != null) {
            return data.error();
        }
        Evaluated done = evaluate(service, context, data.input());
        if (done.error() != null) {
            return done.error();
        }
        if (!done.evaluation().aboutKetamineBy(service.groundsToSpeak())) {
            return answers.silent(service, done.evaluation(), started);
        }
        HookAnswers.Issued issued = answers.issue(service, parsed.request(), done.evaluation(), clientIssuer);
        if (service.hook().equals("patient-view") && !issued.shown().isEmpty()) {
            ReportLinks.link(reports, service, done.read().context(), done.evaluation(), issued.shown());
        }
        return answers.respond(service, done.evaluation(), issued, done.read(), started);
    }

    /**
     * For a service that speaks about a ketamine order: the evaluation of the draft orders alone when none is a
     * ketamine order (the call then answers silently before fetching anything: an amoxicillin order needs no
     * medication list, and gets no 412 for the lack of one); null otherwise.
     */
    private Evaluation otherOrders(CdsService service, JsonNode context) {
        if (!context.has("draftOrders")
                || service.groundsToSpeak().contains(org.ketaminecds.spi.KetamineTopic.COURSE_ON_RECORD)) {
            return null;
        }
        Evaluation orders = draftOrdersAlone(context);
        return orders != null && !orders.aboutKetamineBy(service.groundsToSpeak()) ? orders : null;
    }

    /** The FHIR read and its evaluation, or the response that ends the call (412, 500). */
    private record Evaluated(FhirReadResult read, Evaluation evaluation, HookResponse error) {}

    private Evaluated evaluate(CdsService service, JsonNode context, ObjectNode input) {
        try {
            return limited(() -> evaluateNow(service, context, input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Evaluated(null, null, outcome(503, "transient", "the service is stopping; retry"));
        }
    }

    /** Runs a read and evaluation within the limit of {@link CdsHooksHandlerBuilder#concurrentEvaluations}, waiting its turn. */
    private <T> T limited(java.util.function.Supplier<T> work) throws InterruptedException {
        evaluating.acquire();
        try {
            return work.get();
        } finally {
            evaluating.release();
        }
    }

    private Evaluated evaluateNow(CdsService service, JsonNode context, ObjectNode input) {
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
            return new Evaluated(
                    null, null, outcome(412, "required", "the patient's data could not be read: " + e.getMessage()));
        }
        try {
            return new Evaluated(read, engine.evaluate(read.context(), read.notEvaluated(), service::shows), null);
        } catch (EvaluationException e) {
            String reference = java.util.UUID.randomUUID().toString();
            LOG.warn("Evaluation failed in service {}; correlation id {}", service.id(), reference);
            LOG.trace("Evaluation failure " + reference, e);
            return new Evaluated(
                    read,
                    null,
                    outcome(
                            500,
                            "exception",
                            "the rules could not be evaluated, so nothing was checked; correlation id " + reference));
        }
    }

    /**
     * The draft orders of a request evaluated alone (with the patient's id only), to tell whether they are ketamine
     * orders; null when they cannot be read alone (the full call then reads and reports them).
     */
    private Evaluation draftOrdersAlone(JsonNode context) {
        ObjectNode input = CdsJson.object();
        input.putObject("patient")
                .put("resourceType", "Patient")
                .put("id", context.path("patientId").asText());
        input.set("draftOrders", context.get("draftOrders"));
        try {
            return limited(() -> {
                FhirReadResult read = reader.read(input, OffsetDateTime.now(clock));
                return engine.evaluate(read.context(), read.notEvaluated(), rule -> false);
            });
        } catch (InvalidFactException | EvaluationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // the full call goes on, and answers 503 when it asks for its turn
        }
    }

    /**
     * Fills {@code {{context.x}}} tokens of a prefetch template (see {@link PrefetchResolver#fill}).
     *
     * @param template a prefetch template
     * @param context the request's context
     * @return the filled query, or null
     */
    public static String fill(String template, JsonNode context) {
        return PrefetchResolver.fill(template, context);
    }

    /**
     * {@code POST /cds-services/{id}/feedback}: validates every entry (at most {@value #MAX_FEEDBACK_ENTRIES}; the card
     * a UUID; coded values without spaces or control characters), then hands each to the sink. Nothing of the
     * request is echoed back, and free text (the user comment) is never passed on: only whether one was given.
     *
     * @param serviceId the service's id
     * @param json the feedback request
     * @return the response (status and body)
     */
    public HookResponse feedback(String serviceId, String json) {
        return feedback(serviceId, json, null);
    }

    /**
     * {@link #feedback(String, String)} from an authenticated client: a card counts only for the client it was issued
     * to.
     *
     * @param serviceId the service's id
     * @param json the feedback request
     * @param clientIssuer the authenticated client's issuer, or null without authentication
     * @return the response (status and body)
     */
    public HookResponse feedback(String serviceId, String json, String clientIssuer) {
        if (!services.containsKey(serviceId)) {
            return outcome(404, "not-found", "no CDS service with this id");
        }
        FeedbackRequests.Parsed parsed = FeedbackRequests.parse(serviceId, json);
        if (parsed.error() != null) {
            return parsed.error();
        }
        List<FeedbackEvent> events = parsed.events();
        CardLedger.Refusal refusal;
        try {
            refusal = ledger.record(clientIssuer == null ? "" : clientIssuer, List.copyOf(events), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Service {}: feedback could not be stored ({})",
                    serviceId,
                    e.getClass().getSimpleName());
            LOG.trace("Feedback store failure", e);
            return outcome(503, "transient", "the feedback could not be stored; nothing was recorded, retry");
        }
        if (refusal != null) {
            return outcome(refusal.status(), refusal.status() == 404 ? "not-found" : "invalid", refusal.message());
        }
        events.forEach(sink::accept);
        return new HookResponse(200, "{}");
    }

    /**
     * Stops fetching missing prefetch: the fetch threads the handler owns are stopped (a host's
     * {@link CdsHooksHandlerBuilder#fetchExecutor} is left to the host); calls in flight finish their fetches, later calls fetch
     * nothing (what is missing is then reported as such). A host closes the handler when it stops serving; closing
     * twice is harmless.
     */
    @Override
    public void close() {
        prefetch.close();
    }

    /**
     * An OperationOutcome with one issue.
     *
     * @param status the HTTP status
     * @param code the issue code
     * @param diagnostics what went wrong, in words
     * @return the response
     */
    public static HookResponse outcome(int status, String code, String diagnostics) {
        ObjectNode oo = CdsJson.object();
        oo.put("resourceType", "OperationOutcome");
        oo.putArray("issue")
                .addObject()
                .put("severity", "error")
                .put("code", code)
                .put("diagnostics", diagnostics);
        return new HookResponse(status, CdsJson.write(oo));
    }
}
