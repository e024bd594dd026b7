package org.ketaminecds.service;

import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.CdsException;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.FeedbackSink;
import org.ketaminecds.hooks.FhirServerPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service's command line. Every option has an environment variable ({@code KETAMINE_CDS_...}); options can also be
 * kept in a file and given as {@code @file} (one option per line). {@code --help} and {@code --version} print and exit;
 * a bad option prints the problem and the usage, never a stack trace.
 */
@Command(
        name = "ketamine-cds-service",
        mixinStandardHelpOptions = true,
        versionProvider = ServiceCommand.Version.class,
        sortOptions = false,
        showAtFileInUsageHelp = true,
        subcommands = AuditExport.class,
        description =
                "The Ketamine CDS CDS Hooks 2.0 service. Every option can also be set with an environment variable, "
                        + "or kept in a file given as @file (one option per line).",
        footer = {
            "",
            "Environment variables: KETAMINE_CDS_HOST, KETAMINE_CDS_PORT, KETAMINE_CDS_BASE_URL, "
                    + "KETAMINE_CDS_CLINIC_ZONE, KETAMINE_CDS_TRUST, KETAMINE_CDS_FHIR_SERVERS, KETAMINE_CDS_INSECURE_NO_AUTH, "
                    + "KETAMINE_CDS_DEV_FHIR_SERVERS, KETAMINE_CDS_POLICY, KETAMINE_CDS_KNOWLEDGE_BASE, KETAMINE_CDS_FETCH_TIMEOUT, "
                    + "KETAMINE_CDS_FETCH_BUDGET, KETAMINE_CDS_CONCURRENT_EVALUATIONS, KETAMINE_CDS_WARM_UP, KETAMINE_CDS_IDLE_TIMEOUT, KETAMINE_CDS_MIN_REQUEST_RATE, "
                    + "KETAMINE_CDS_DRAIN_TIMEOUT, KETAMINE_CDS_STORE, KETAMINE_CDS_STORE_USER, KETAMINE_CDS_STORE_PASSWORD, "
                    + "KETAMINE_CDS_STORE_KEY, KETAMINE_CDS_DATA_DIR, KETAMINE_CDS_RETENTION, KETAMINE_CDS_SUPPRESS_INFO, "
                    + "KETAMINE_CDS_SUPPRESS_WARNING, KETAMINE_CDS_SUPPRESS_CRITICAL, KETAMINE_CDS_SUPPRESS_CRITICAL_REASON "
                    + "(lists comma-separated).",
            "Exit codes: 0 stopped normally, 1 could not start, 2 bad options."
        })
public final class ServiceCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

    @Option(
            names = "--host",
            defaultValue = "${env:KETAMINE_CDS_HOST:-127.0.0.1}",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "${env:KETAMINE_CDS_PORT:-8080}",
            description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--base-url",
            defaultValue = "${env:KETAMINE_CDS_BASE_URL}",
            description = "Public base URL clients call; JWT aud must be it plus the path (default http://HOST:PORT).")
    String baseUrl;

    @Option(
            names = "--clinic-zone",
            required = true,
            defaultValue = "${env:KETAMINE_CDS_CLINIC_ZONE}",
            description =
                    "Required: the clinic's time zone (e.g. America/Chicago); calendar-day rules count days in it.")
    ZoneId clinicZone;

    @Option(
            names = "--trust",
            defaultValue = "${env:KETAMINE_CDS_TRUST}",
            split = ",",
            paramLabel = "ISSUER=JWKS.json",
            description = "A trusted client: its JWT issuer and its public keys (a JWK set file). Repeatable.")
    List<String> trust = new ArrayList<>();

    @Option(
            names = "--fhir-server",
            defaultValue = "${env:KETAMINE_CDS_FHIR_SERVERS}",
            split = ",",
            paramLabel = "ISSUER=https://...",
            description =
                    "A FHIR server base a trusted client may have us fetch missing prefetch from (https). Repeatable; none = never fetch.")
    List<String> fhirServers = new ArrayList<>();

    @Option(
            names = "--insecure-no-auth",
            defaultValue = "${env:KETAMINE_CDS_INSECURE_NO_AUTH:-false}",
            description = "Development only: accept calls without a JWT (logged as a warning).")
    boolean noAuth;

    @Option(
            names = "--dev-fhir-server",
            defaultValue = "${env:KETAMINE_CDS_DEV_FHIR_SERVERS}",
            split = ",",
            paramLabel = "URL",
            description =
                    "Development only, with --insecure-no-auth: a FHIR server base unauthenticated calls may have us fetch from; http allowed on loopback.")
    List<URI> devFhirServers = new ArrayList<>();

    @Option(
            names = "--policy",
            defaultValue = "${env:KETAMINE_CDS_POLICY}",
            description = "A site policy file (JSON or YAML).")
    Path policy;

    @Option(
            names = "--knowledge-base",
            defaultValue = "${env:KETAMINE_CDS_KNOWLEDGE_BASE:-ketamineCds}",
            description =
                    "The knowledge base (default ${DEFAULT-VALUE}); a site's kjar on the class path may add one that includes ours.")
    String knowledgeBase;

    @Option(
            names = "--fetch-timeout",
            defaultValue = "${env:KETAMINE_CDS_FETCH_TIMEOUT:-PT5S}",
            description = "The whole time one FHIR fetch may take (ISO-8601 duration, default ${DEFAULT-VALUE}).")
    Duration fetchTimeout;

    @Option(
            names = "--fetch-budget",
            defaultValue = "${env:KETAMINE_CDS_FETCH_BUDGET:-PT8S}",
            description = "The time all fetches of one call may take together (default ${DEFAULT-VALUE}).")
    Duration fetchBudget;

    @Option(
            names = "--concurrent-evaluations",
            defaultValue = "${env:KETAMINE_CDS_CONCURRENT_EVALUATIONS:-0}",
            description = "Calls that read and evaluate a record at once; the others wait their turn (default 0: the "
                    + "processors the JVM sees). More than the processors only slows a busy service down.")
    int concurrentEvaluations;

    @Option(
            names = "--warm-up",
            defaultValue = "${env:KETAMINE_CDS_WARM_UP:-PT0S}",
            description =
                    "Before listening, send the bundled sample requests through the rules for this long, so "
                            + "that the first callers meet a compiled, full-speed service (e.g. PT30S; default ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(
            names = "--idle-timeout",
            defaultValue = "${env:KETAMINE_CDS_IDLE_TIMEOUT:-PT30S}",
            description = "Close a connection idle this long (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(
            names = "--min-request-rate",
            defaultValue = "${env:KETAMINE_CDS_MIN_REQUEST_RATE:-8192}",
            description = "Slowest request body accepted, bytes per second (default ${DEFAULT-VALUE}).")
    long minRequestRate;

    @Option(
            names = "--drain-timeout",
            defaultValue = "${env:KETAMINE_CDS_DRAIN_TIMEOUT:-PT10S}",
            description = "How long stopping waits for requests in flight (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @CommandLine.Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(
            names = "--report-lifetime",
            defaultValue = "${env:KETAMINE_CDS_REPORT_LIFETIME:-PT15M}",
            description = "How long a course report link from a course-overview card works (default ${DEFAULT-VALUE}).")
    Duration reportLifetime;

    /** The running server, once started (for tests). */
    CdsHooksServer server;

    CdsHooksHandler handler;

    /** The store, once open (null with --store none). */
    org.ketaminecds.service.store.Store store;

    private java.util.concurrent.ScheduledExecutorService purging;

    /** The version of this jar and of its rule set. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {org.ketaminecds.support.BuildInfo.describe("ketamine-cds-service")};
        }
    }

    /** Parses, starts, and returns the exit code (0 started and stopped normally, 2 bad options, 1 failed to start). */
    public static int run(String[] args) {
        ServiceCommand command = new ServiceCommand();
        CommandLine line = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ketamine-cds-service: " + org.ketaminecds.support.BuildInfo.message(e));
            return 1;
        });
        int code = line.execute(args);
        if (code == 0 && command.server != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(command::stop, "ketamine-cds-drain"));
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return code;
    }

    @Override
    public Integer call() throws IOException, java.text.ParseException {
        if (!noAuth && trust.isEmpty()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "no trusted issuer: give --trust ISSUER=JWKS.json, or --insecure-no-auth for development");
        }
        if (!devFhirServers.isEmpty() && !noAuth) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--dev-fhir-server is for --insecure-no-auth only");
        }
        Map<String, JWKSet> trusted = new LinkedHashMap<>();
        for (String t : trust) {
            String[] parts = t.split("=", 2);
            if (parts.length != 2) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--trust needs ISSUER=JWKS.json, was " + t);
            }
            trusted.put(parts[0], JWKSet.load(Files.newInputStream(Path.of(parts[1]))));
        }
        Map<String, List<URI>> allowed = new LinkedHashMap<>();
        for (String f : fhirServers) {
            String[] parts = f.split("=", 2);
            if (parts.length != 2 || !trusted.containsKey(parts[0])) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--fhir-server needs ISSUER=URL with a trusted ISSUER, was " + f);
            }
            allowed.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(URI.create(parts[1]));
        }
        if (concurrentEvaluations < 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--concurrent-evaluations must be 0 (the processors) or more, was " + concurrentEvaluations);
        }
        if (warmUp.isNegative()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--warm-up must not be negative, was " + warmUp);
        }
        FhirServerPolicy policyOfServers = new FhirServerPolicy(allowed, devFhirServers, noAuth);
        String base = baseUrl != null ? baseUrl : "http://" + host + ":" + port;
        CdsEngine engine = engine(policy, knowledgeBase);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        store = storeOptions.open(Clock.systemUTC());
        if (store != null) {
            purging = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ketamine-cds-store-purge");
                t.setDaemon(true);
                return t;
            });
            purging.scheduleWithFixedDelay(this::purge, 1, 10, java.util.concurrent.TimeUnit.MINUTES);
            if (!storeOptions.suppressCritical.isZero()) {
                LOG.warn(
                        "Critical cards are held back for {} after an override; the site's written reason: {}",
                        storeOptions.suppressCritical,
                        storeOptions.criticalReason);
            }
        } else {
            LOG.warn("No store (--store none): overrides are not remembered, feedback is not checked against issued "
                    + "cards, and tokens issued before this start are refused");
        }
        CourseReports reports = new CourseReports(
                base, engine, reportLifetime, com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        handler = CdsHooksHandler.builder(engine)
                .clock(Clock.system(clinicZone))
                .fetcher(new HttpFhirFetcher(fetchTimeout, CdsHooksServer.MAX_REQUEST_BYTES))
                .fhirServers(policyOfServers)
                .fetchBudget(fetchBudget)
                .concurrentEvaluations(
                        concurrentEvaluations > 0
                                ? concurrentEvaluations
                                : Runtime.getRuntime().availableProcessors())
                .feedback(FeedbackSink.logging())
                .ledger(store == null ? org.ketaminecds.hooks.CardLedger.NONE : store.ledger())
                .reports(reports)
                .listener(new MicrometerListener(registry))
                .build();
        JwtAuthenticator auth = noAuth
                ? null
                : new JwtAuthenticator(
                        trusted,
                        Clock.systemUTC(),
                        Duration.ofSeconds(60),
                        store == null ? JwtAuthenticator.inMemory(Clock.systemUTC()) : store.replayGuard());
        if (!warmUp.isZero()) {
            long start = System.nanoTime();
            WarmUp.Result done = WarmUp.run(
                    engine,
                    Clock.system(clinicZone),
                    warmUp,
                    concurrentEvaluations > 0
                            ? concurrentEvaluations
                            : Runtime.getRuntime().availableProcessors());
            LOG.info(
                    "Warmed up: {} sample calls in {} ms ({} not answered 200)",
                    done.calls(),
                    (System.nanoTime() - start) / 1_000_000,
                    done.failed());
        }
        org.ketaminecds.service.store.Store reachable = store;
        server = CdsHooksServer.start(
                new CdsHooksServer.Config(host, port, base, auth, idleTimeout, minRequestRate, drainTimeout),
                handler,
                registry,
                () -> reachable == null || reachable.reachable(),
                reports);
        LOG.info(CdsHooksServer.startupLine(engine, knowledgeBase, clinicZone, trusted.keySet(), host, server.port()));
        return 0;
    }

    /** Drains the server, then closes the store. */
    void stop() {
        if (server != null) {
            server.close();
        }
        if (handler != null) {
            handler.close(); // its fetch threads
        }
        if (purging != null) {
            purging.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    private void purge() {
        try {
            org.ketaminecds.service.store.Store.Purged p = store.purge();
            LOG.debug("Store purged: {}", p);
        } catch (RuntimeException e) {
            LOG.warn("Store purge failed ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * The engine the service runs: the shipped defaults, or a site policy file (JSON or YAML), and a knowledge base
     * (ours, or a site's that includes ours, e.g. {@code exampleClinic}).
     *
     * @throws CdsException if the policy or the knowledge base cannot be loaded
     */
    static CdsEngine engine(Path policyFile, String knowledgeBase) throws IOException {
        // Pooled sessions: a service evaluates on many threads all day; reusing sessions saves building their memories.
        CdsEngine.Builder builder = CdsEngine.builder().sessionPool(8);
        if (policyFile != null) {
            builder.policy(org.ketaminecds.json.PolicyFile.read(policyFile).policy());
        }
        if (knowledgeBase != null) {
            builder.knowledgeBase(knowledgeBase);
        }
        return builder.build();
    }
}
