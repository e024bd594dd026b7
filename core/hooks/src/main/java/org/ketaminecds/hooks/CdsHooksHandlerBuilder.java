package org.ketaminecds.hooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.fhir.FhirReader;

/**
 * Options of a {@link CdsHooksHandler}; every one has a default except the clinic's clock or zone. From
 * {@link CdsHooksHandler#builder(CdsEngine)}.
 *
 * @since 0.1.0
 */
public final class CdsHooksHandlerBuilder {
    final CdsEngine engine;
    FhirReader reader;
    Clock clock;
    FhirFetcher fetcher;
    FhirServerPolicy fhirServers = FhirServerPolicy.none();
    java.time.Duration fetchBudget = java.time.Duration.ofSeconds(8);
    int fetchThreads = 16;
    int concurrentEvaluations = Runtime.getRuntime().availableProcessors();
    java.util.concurrent.ExecutorService fetchExecutor;
    FeedbackSink sink = FeedbackSink.logging();
    CardLedger ledger = CardLedger.NONE;
    ReportPublisher reports = ReportPublisher.NONE;
    HookListener listener = HookListener.NONE;
    List<CdsService> services = CdsServices.standard();

    CdsHooksHandlerBuilder(CdsEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The FHIR reader (default: one over the engine's drug table, so a site's local drugs are read too).
     *
     * @param value the reader
     * @return this builder
     */
    public CdsHooksHandlerBuilder reader(FhirReader value) {
        this.reader = Objects.requireNonNull(value, "reader");
        return this;
    }

    /**
     * The clock, in the clinic's time zone: calendar-day rules count days in it. Required (or {@link #zone}).
     *
     * @param value the clock
     * @return this builder
     */
    public CdsHooksHandlerBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * The system clock in the clinic's time zone (see {@link #clock}).
     *
     * @param value the clinic's zone, e.g. America/Chicago
     * @return this builder
     */
    public CdsHooksHandlerBuilder zone(java.time.ZoneId value) {
        return clock(Clock.system(Objects.requireNonNull(value, "zone")));
    }

    /**
     * Fetches prefetch the client did not send; null (the default) never fetches.
     *
     * @param value the fetcher
     * @return this builder
     */
    public CdsHooksHandlerBuilder fetcher(FhirFetcher value) {
        this.fetcher = value;
        return this;
    }

    /**
     * Which FHIR servers may be fetched from, per client (default: none).
     *
     * @param value the allowed FHIR servers per trusted issuer
     * @return this builder
     */
    public CdsHooksHandlerBuilder fhirServers(FhirServerPolicy value) {
        this.fhirServers = Objects.requireNonNull(value, "fhirServers");
        return this;
    }

    /**
     * The time all of one request's fetches together may take (default 8 s).
     *
     * @param value the time all fetches of one call may take together
     * @return this builder
     */
    public CdsHooksHandlerBuilder fetchBudget(java.time.Duration value) {
        this.fetchBudget = Objects.requireNonNull(value, "fetchBudget");
        return this;
    }

    /**
     * Threads for fetching prefetch keys in parallel (default 16).
     *
     * @param value threads for fetching (at least 2 are used)
     * @return this builder
     */
    public CdsHooksHandlerBuilder fetchThreads(int value) {
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
    public CdsHooksHandlerBuilder concurrentEvaluations(int value) {
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
    public CdsHooksHandlerBuilder fetchExecutor(java.util.concurrent.ExecutorService value) {
        this.fetchExecutor = Objects.requireNonNull(value, "fetchExecutor");
        return this;
    }

    /**
     * Where validated feedback goes (default: the log, without free text).
     *
     * @param value the sink
     * @return this builder
     */
    public CdsHooksHandlerBuilder feedback(FeedbackSink value) {
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
    public CdsHooksHandlerBuilder ledger(CardLedger value) {
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
    public CdsHooksHandlerBuilder reports(ReportPublisher value) {
        this.reports = Objects.requireNonNull(value, "reports");
        return this;
    }

    /**
     * Told of each evaluation, response and failed fetch (for metrics); default none.
     *
     * @param value the listener
     * @return this builder
     */
    public CdsHooksHandlerBuilder listener(HookListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return this;
    }

    /**
     * The services offered (default: the standard ones).
     *
     * @param value the services
     * @return this builder
     */
    public CdsHooksHandlerBuilder services(List<CdsService> value) {
        this.services = List.copyOf(value);
        return this;
    }

    /**
     * @throws IllegalStateException if some recommendation rule of the engine would be shown by no service
     *
     * @return the handler
     */
    public CdsHooksHandler build() {
        if (clock == null) {
            throw new IllegalStateException("a CdsHooksHandler needs the clinic's time zone: call clock(Clock) or "
                    + "zone(ZoneId) on its builder (calendar-day rules count days in it; there is no silent UTC)");
        }
        List<String> unshown = new ArrayList<>();
        for (RuleDescription rule : engine.rules()) {
            if (rule.isRecommendation() && services.stream().noneMatch(s -> s.shows(rule))) {
                unshown.add(rule.id() + " (topic " + rule.topic()
                        + (rule.hooks().isEmpty() ? "" : ", hooks " + rule.hooks()) + ")");
            }
        }
        if (!unshown.isEmpty()) {
            throw new IllegalStateException(
                    "no service would show the cards of " + String.join(", ", unshown)
                            + ": give the rule @hooks(\"...\") naming the hooks that should show it, or a topic a service shows");
        }
        return new CdsHooksHandler(this);
    }
}
