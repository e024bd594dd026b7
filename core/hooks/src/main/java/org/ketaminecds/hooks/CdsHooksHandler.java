package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.EvaluationException;
import org.ketaminecds.cds.Card;
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
    private final ReportPublisher reports;
    private final HookListener listener;
    private final Map<String, CdsService> services = new LinkedHashMap<>();
    /** Reads and evaluations under way at once, at most; the others wait their turn (first come, first served). */
    private final java.util.concurrent.Semaphore evaluating;

    private final Map<String, org.ketaminecds.cds.RuleDescription> rules = new java.util.HashMap<>();

    private CdsHooksHandler(Builder b) {
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.reader = b.reader != null ? b.reader : new FhirReader(engine.medications());
        if (b.clock == null) {
            throw new IllegalStateException("a CdsHooksHandler needs the clinic's time zone: call clock(Clock) or "
                    + "zone(ZoneId) on its builder (calendar-day rules count days in it; there is no silent UTC)");
        }
        this.clock = b.clock;
        this.evaluating = new java.util.concurrent.Semaphore(b.concurrentEvaluations, true);
        this.sink = b.sink;
        this.ledger = b.ledger;
        this.reports = b.reports;
        this.listener = b.listener;
        for (CdsService s : b.services) {
            this.services.put(s.id(), s);
        }
        engine.rules().forEach(r -> rules.put(r.id(), r));
        List<String> unshown = new ArrayList<>();
        for (org.ketaminecds.cds.RuleDescription rule : engine.rules()) {
            if (rule.isRecommendation() && this.services.values().stream().noneMatch(s -> s.shows(rule))) {
                unshown.add(rule.id() + " (topic " + rule.topic()
                        + (rule.hooks().isEmpty() ? "" : ", hooks " + rule.hooks()) + ")");
            }
        }
        if (!unshown.isEmpty()) {
            throw new IllegalStateException(
                    "no service would show the cards of " + String.join(", ", unshown)
                            + ": give the rule @hooks(\"...\") naming the hooks that should show it, or a topic a service shows");
        }
        this.prefetch = new PrefetchResolver(
                b.fetcher, b.fhirServers, b.fetchBudget, b.fetchExecutor, b.fetchThreads, b.listener);
    }

    /**
     * @param fetcher fetches missing prefetch from the client's FHIR server; null to never fetch
     * @deprecated use {@link #builder(CdsEngine)}; this fetches from no server unless it is loopback http, as tests do
     *
     * @param engine the engine
     * @param reader the FHIR reader
     * @param clock the clock, in the clinic's time zone
     * @param sink where feedback goes
     * @param services the services offered
     */
    @Deprecated
    public CdsHooksHandler(
            CdsEngine engine,
            FhirReader reader,
            Clock clock,
            FhirFetcher fetcher,
            FeedbackSink sink,
            List<CdsService> services) {
        this(builder(engine)
                .reader(reader)
                .clock(clock)
                .fetcher(fetcher)
                .feedback(sink)
                .services(services)
                .fhirServers(new FhirServerPolicy(
                        Map.of(),
                        List.of(java.net.URI.create("http://127.0.0.1"), java.net.URI.create("http://localhost")),
                        true)));
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
     * or zone must be given ({@link Builder#clock}, {@link Builder#zone}).
     *
     * @param engine the engine
     * @return a new builder
     */
    public static Builder builder(CdsEngine engine) {
        return new Builder(engine);
    }

    /** Options of a handler; every one has a default except the clinic's clock or zone. */
    public static final class Builder {
        private final CdsEngine engine;
        private FhirReader reader;
        private Clock clock;
        private FhirFetcher fetcher;
        private FhirServerPolicy fhirServers = FhirServerPolicy.none();
        private java.time.Duration fetchBudget = java.time.Duration.ofSeconds(8);
        private int fetchThreads = 16;
        private int concurrentEvaluations = Runtime.getRuntime().availableProcessors();
        private java.util.concurrent.ExecutorService fetchExecutor;
        private FeedbackSink sink = FeedbackSink.logging();
        private CardLedger ledger = CardLedger.NONE;
        private ReportPublisher reports = ReportPublisher.NONE;
        private HookListener listener = HookListener.NONE;
        private List<CdsService> services = CdsServices.standard();

        private Builder(CdsEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * The FHIR reader (default: one over the engine's drug table, so a site's local drugs are read too).
         *
         * @param value the reader
         * @return this builder
         */
        public Builder reader(FhirReader value) {
            this.reader = Objects.requireNonNull(value, "reader");
            return this;
        }

        /**
         * The clock, in the clinic's time zone: calendar-day rules count days in it. Required (or {@link #zone}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The system clock in the clinic's time zone (see {@link #clock}).
         *
         * @param value the clinic's zone, e.g. America/Chicago
         * @return this builder
         */
        public Builder zone(java.time.ZoneId value) {
            return clock(Clock.system(Objects.requireNonNull(value, "zone")));
        }

        /**
         * Fetches prefetch the client did not send; null (the default) never fetches.
         *
         * @param value the fetcher
         * @return this builder
         */
        public Builder fetcher(FhirFetcher value) {
            this.fetcher = value;
            return this;
        }

        /**
         * Which FHIR servers may be fetched from, per client (default: none).
         *
         * @param value the allowed FHIR servers per trusted issuer
         * @return this builder
         */
        public Builder fhirServers(FhirServerPolicy value) {
            this.fhirServers = Objects.requireNonNull(value, "fhirServers");
            return this;
        }

        /**
         * The time all of one request's fetches together may take (default 8 s).
         *
         * @param value the time all fetches of one call may take together
         * @return this builder
         */
        public Builder fetchBudget(java.time.Duration value) {
            this.fetchBudget = Objects.requireNonNull(value, "fetchBudget");
            return this;
        }

        /**
         * Threads for fetching prefetch keys in parallel (default 16).
         *
         * @param value threads for fetching (at least 2 are used)
         * @return this builder
         */
        public Builder fetchThreads(int value) {
            this.fetchThreads = value;
            return this;
        }

        /**
         * How many calls may read and evaluate their record at once (default: the processors the JVM sees); the others
         * wait their turn, first come first served. Evaluation is pure computation: more at once than there are
         * processors only shares the same processors more thinly, and under overload it starves the JIT compiler, so a
         * freshly started service never reaches full speed (measured: at 1,000 requests/s on 2 cores, 32 calls
         * evaluating at once kept a fresh service at a fraction of its capacity for over a minute). Fetching missing
         * prefetch, which waits on the network, is not counted.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder concurrentEvaluations(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("concurrentEvaluations must be at least 1, was " + value);
            }
            this.concurrentEvaluations = value;
            return this;
        }

        /**
         * The executor that runs the fetches of missing prefetch, owned by the host: the handler never shuts it down
         * (default: a pool of {@link #fetchThreads} threads the handler owns and stops on {@link CdsHooksHandler#close}).
         *
         * @param value the host's executor
         * @return this builder
         */
        public Builder fetchExecutor(java.util.concurrent.ExecutorService value) {
            this.fetchExecutor = Objects.requireNonNull(value, "fetchExecutor");
            return this;
        }

        /**
         * Where validated feedback goes (default: the log, without free text).
         *
         * @param value the sink
         * @return this builder
         */
        public Builder feedback(FeedbackSink value) {
            this.sink = Objects.requireNonNull(value, "sink");
            return this;
        }

        /**
         * Where issued cards, feedback and overrides are kept (default {@link CardLedger#NONE}: nothing is kept, no
         * card is held back, feedback is accepted for any well-formed card id).
         *
         * @param value the ledger
         * @return this builder
         */
        public Builder ledger(CardLedger value) {
            this.ledger = Objects.requireNonNull(value, "ledger");
            return this;
        }

        /**
         * Publishes the course report of each {@code patient-view} evaluation; its cards then link to it (a CDS Hooks
         * link of type {@code absolute}). Default {@link ReportPublisher#NONE}.
         *
         * @param value the publisher
         * @return this builder
         */
        public Builder reports(ReportPublisher value) {
            this.reports = Objects.requireNonNull(value, "reports");
            return this;
        }

        /**
         * Told of each evaluation, response and failed fetch (for metrics); default none.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(HookListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * The services offered (default: the standard ones).
         *
         * @param value the services
         * @return this builder
         */
        public Builder services(List<CdsService> value) {
            this.services = List.copyOf(value);
            return this;
        }

        /**
         * @throws IllegalStateException if some recommendation rule of the engine would be shown by no service
         *
         * @return the handler
         */
        public CdsHooksHandler build() {
            return new CdsHooksHandler(this);
        }
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
            return silent(service, orders, started);
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
            return silent(service, done.evaluation(), started);
        }
        Issued issued = issue(service, parsed.request(), done.evaluation(), clientIssuer);
        if (service.hook().equals("patient-view") && !issued.shown().isEmpty()) {
            ReportLinks.link(reports, service, done.read().context(), done.evaluation(), issued.shown());
        }
        return respond(service, done.evaluation(), issued, done.read(), started);
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

    /** Runs a read and evaluation within the limit of {@link Builder#concurrentEvaluations}, waiting its turn. */
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

    /** The cards shown, those held back for an earlier override, and why none was recorded (or null). */
    private record Issued(List<Card> shown, List<CardLedger.Withheld> withheld, String notRecorded) {}

    /**
     * The service's cards, recorded in the ledger; those the client's earlier override holds back are taken out. A
     * ledger failure never blocks decision support: every card is shown and the response says none was recorded.
     */
    private Issued issue(CdsService service, JsonNode request, Evaluation evaluation, String clientIssuer) {
        List<Card> shown = new ArrayList<>();
        for (Card card : evaluation.cards()) {
            org.ketaminecds.cds.RuleDescription rule = rules.get(card.ruleId());
            if (rule != null && service.shows(rule)) {
                shown.add(card);
            }
        }
        try {
            List<CardLedger.Withheld> withheld = ledger.issue(
                    new CardLedger.Client(
                            clientIssuer, request.path("fhirServer").asText(null)),
                    service.id(),
                    request.path("context").path("patientId").asText(null),
                    List.copyOf(shown),
                    clock.instant());
            for (CardLedger.Withheld w : withheld) {
                shown.remove(w.card());
            }
            return new Issued(shown, withheld, null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Service {}: the card ledger failed ({}); every card shown, none recorded",
                    service.id(),
                    e.getClass().getSimpleName());
            LOG.trace("Card ledger failure", e);
            return new Issued(
                    shown,
                    List.of(),
                    "the cards could not be recorded, so none was held back for an earlier override and "
                            + "feedback on them will be refused");
        }
    }

    /** The 200 answer: the shown cards, and in the extension what was held back, not recorded or not mapped. */
    private HookResponse respond(
            CdsService service, Evaluation evaluation, Issued issued, FhirReadResult read, long started) {
        List<Card> shown = issued.shown();
        List<CardLedger.Withheld> withheld = issued.withheld();
        String notRecorded = issued.notRecorded();
        Evaluation filtered = evaluation.withCards(shown);
        listener.evaluated(service.id(), filtered, System.nanoTime() - started);
        ObjectNode response = CdsJson.responseTree(filtered);
        ObjectNode ext = (ObjectNode) response.path("extension").path(CdsJson.EVALUATION_EXTENSION);
        ext.put("service", service.id());
        if (!withheld.isEmpty()) {
            ArrayNode held = ext.putArray("withheld");
            for (CardLedger.Withheld w : withheld) {
                ObjectNode h = held.addObject()
                        .put("card", w.card().uuid())
                        .put("ruleId", w.card().ruleId())
                        .put("indicator", w.card().indicator().code())
                        .put("summary", w.card().summary())
                        .put("overriddenAt", w.overriddenAt().toString())
                        .put("until", w.until().toString());
                if (w.reason() != null) {
                    h.put("overrideReason", w.reason());
                }
            }
        }
        if (notRecorded != null) {
            ext.put("notRecorded", notRecorded);
        }
        if (!read.issues().isEmpty()) {
            ext.set(FHIR_ISSUES, read.issuesJson());
        }
        LOG.debug(
                "Service {} hook {}: {} cards of {}, status {}, {} FHIR resources mapped, {} not",
                service.id(),
                service.hook(),
                shown.size(),
                evaluation.cards().size(),
                evaluation.status(),
                read.mapped(),
                read.issues().size());
        return new HookResponse(200, CdsJson.writeCompact(response));
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

    /** The answer of a service that does not speak about this record: no card, said in the extension. */
    private HookResponse silent(CdsService service, Evaluation evaluation, long started) {
        Evaluation none = evaluation.silent();
        listener.evaluated(service.id(), none, System.nanoTime() - started);
        ObjectNode response = CdsJson.responseTree(none);
        ((ObjectNode) response.path("extension").path(CdsJson.EVALUATION_EXTENSION)).put("service", service.id());
        LOG.debug("Service {} hook {}: not about ketamine, no card", service.id(), service.hook());
        return new HookResponse(200, CdsJson.writeCompact(response));
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
     * {@link Builder#fetchExecutor} is left to the host); calls in flight finish their fetches, later calls fetch
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
