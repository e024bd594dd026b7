package org.ketaminecds.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ketamine CDS CDS Hooks 2.0 service over HTTP (Javalin, Jetty 12): {@code GET /cds-services}, {@code POST
 * /cds-services/{id}}, {@code POST /cds-services/{id}/feedback} with JWT client authentication and CORS;
 * {@code GET /health/live}, {@code GET /health/ready} and {@code GET /metrics} (Prometheus). Slow clients are cut off
 * (idle timeout and minimum request data rate); bodies over {@value #MAX_REQUEST_BYTES} bytes are 413; a non-JSON
 * content type is 415, invalid UTF-8 is 400, other methods are 405, every error an OperationOutcome. Stopping drains
 * the requests in flight. The command line is {@link ServiceCommand}.
 */
public final class CdsHooksServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("org.ketaminecds.access");
    /** The largest request body accepted: a real patient's prefetched Observation history passes 1 MB. */
    public static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    /**
     * @param host address to listen on
     * @param port port (0 = any free port)
     * @param baseUrl the public base URL clients call (the JWT {@code aud} must be this plus the path)
     * @param authenticator JWT checker; null switches authentication off (development only; logged as a warning)
     * @param idleTimeout how long a connection may send nothing before it is closed
     * @param minRequestBytesPerSecond the slowest request body accepted (a client that trickles is cut off)
     * @param drainTimeout how long stopping waits for the requests in flight
     */
    public record Config(
            String host,
            int port,
            String baseUrl,
            JwtAuthenticator authenticator,
            Duration idleTimeout,
            long minRequestBytesPerSecond,
            Duration drainTimeout) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
        }

        /** Defaults for the limits: 30 s idle, 8 KiB/s minimum, 10 s drain. */
        public Config(String host, int port, String baseUrl, JwtAuthenticator authenticator) {
            this(host, port, baseUrl, authenticator, Duration.ofSeconds(30), 8 * 1024, Duration.ofSeconds(10));
        }
    }

    private final Javalin app;
    private final Config config;
    private final CdsHooksHandler handler;
    private final PrometheusMeterRegistry registry;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.function.BooleanSupplier storeReachable;
    private final CourseReports reports;

    private CdsHooksServer(
            Config config,
            CdsHooksHandler handler,
            PrometheusMeterRegistry registry,
            java.util.function.BooleanSupplier storeReachable,
            CourseReports reports) {
        this.config = config;
        this.storeReachable = storeReachable;
        this.reports = reports;
        this.handler = handler;
        this.registry = registry;
        if (config.authenticator() == null) {
            LOG.warn("CDS Hooks client authentication is OFF (--insecure-no-auth): development use only");
        }
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_REQUEST_BYTES;
            c.http.prefer405over404 = true;
            c.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(config.idleTimeout().toMillis());
                http.setMinRequestDataRate(config.minRequestBytesPerSecond());
                http.setSendServerVersion(false);
            });
            // A report id is a capability (whoever has it may open the report while it lives): never logged.
            c.requestLogger.http((ctx, ms) -> ACCESS.info(
                    "{} {} {} {} ms",
                    ctx.method(),
                    ctx.path().startsWith("/reports/") ? "/reports/{id}" : ctx.path(),
                    ctx.statusCode(),
                    Math.round(ms)));
            c.routes.error(
                    413,
                    "*",
                    ctx -> json(
                            ctx,
                            CdsHooksHandler.outcome(
                                    413,
                                    "too-costly",
                                    "the request body is larger than the " + MAX_REQUEST_BYTES / (1024 * 1024)
                                            + " MiB this service accepts")));
            // Jetty refuses a body that arrives too slowly (or is malformed on the wire) by throwing while the body is
            // read: answer with that status and an OperationOutcome, not as a server error.
            c.routes.exception(
                    org.eclipse.jetty.http.BadMessageException.class,
                    (e, ctx) -> json(
                            ctx,
                            CdsHooksHandler.outcome(
                                    e.getCode(),
                                    e.getCode() == 408 ? "timeout" : "structure",
                                    "the request body could not be read: " + e.getReason())));
            c.routes.error(
                    405, "*", ctx -> json(ctx, CdsHooksHandler.outcome(405, "not-supported", "method not allowed")));
            // An unknown path: an OperationOutcome that does not echo the path (Javalin's own page would).
            c.routes.error(404, "*", ctx -> {
                String body = ctx.result();
                boolean ours =
                        ctx.path().startsWith("/reports/") || (body != null && body.contains("OperationOutcome"));
                if (!ours) {
                    json(ctx, CdsHooksHandler.outcome(404, "not-found", "no such endpoint"));
                }
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("Request failed ({})", e.getClass().getSimpleName());
                LOG.trace("Request failure", e);
                json(ctx, CdsHooksHandler.outcome(500, "exception", "the request could not be processed"));
            });
            c.routes.before(ctx -> {
                if (ctx.path().startsWith("/reports/")) {
                    return; // the report is for the clinician's browser, not for other origins' scripts
                }
                ctx.header("Access-Control-Allow-Origin", "*");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            });
            c.routes.options("/cds-services", ctx -> ctx.status(204));
            c.routes.options("/cds-services/{id}", ctx -> ctx.status(204));
            c.routes.options("/cds-services/{id}/feedback", ctx -> ctx.status(204));
            c.routes.get(
                    "/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            c.routes.get("/health/ready", ctx -> {
                // A store that does not answer degrades the service (cards shown but not recorded) without taking it
                // out of the load balancer: every replica shares the store, so all would go at once.
                boolean draining = this.draining.get();
                boolean store = !draining && this.storeReachable.getAsBoolean();
                ctx.status(draining ? 503 : 200)
                        .contentType("application/json")
                        .result(
                                draining
                                        ? "{\"status\":\"DRAINING\"}"
                                        : store
                                                ? "{\"status\":\"UP\"}"
                                                : "{\"status\":\"UP\",\"store\":\"unreachable\"}");
            });
            c.routes.get("/reports/{id}", ctx -> {
                String page = this.reports == null ? null : this.reports.page(ctx.pathParam("id"));
                ctx.header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer")
                        .header("X-Content-Type-Options", "nosniff")
                        .header(
                                "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
                if (page == null) {
                    ctx.status(404)
                            .contentType("text/plain; charset=utf-8")
                            .result(
                                    "This report link is unknown or has expired; open the patient's chart again for a new one.");
                } else {
                    ctx.contentType("text/html; charset=utf-8").result(page);
                }
            });
            c.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(registry.scrape()));
            c.routes.get("/cds-services", ctx -> {
                if (authorised(ctx) != null) {
                    json(ctx, new HookResponse(200, handler.discovery()));
                }
            });
            c.routes.post(
                    "/cds-services/{id}",
                    ctx -> serve(ctx, (issuer, body) -> handler.invoke(ctx.pathParam("id"), body, issuer)));
            c.routes.post(
                    "/cds-services/{id}/feedback",
                    ctx -> serve(ctx, (issuer, body) -> handler.feedback(ctx.pathParam("id"), body, issuer)));
        });
    }

    private interface Call {
        HookResponse answer(String issuer, String body);
    }

    /** A POST: drain check, authentication, content type, UTF-8, then the handler. */
    private void serve(Context ctx, Call call) {
        if (draining.get()) {
            json(ctx, CdsHooksHandler.outcome(503, "transient", "the service is shutting down; retry"));
            return;
        }
        inFlight.incrementAndGet();
        try {
            String issuer = authorised(ctx);
            if (issuer == null) {
                return;
            }
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json") && !type.startsWith("application/fhir+json")) {
                written(
                        ctx,
                        CdsHooksHandler.outcome(415, "not-supported", "the request body must be application/json"));
                return;
            }
            String body;
            try {
                body = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(ctx.bodyAsBytes()))
                        .toString();
            } catch (CharacterCodingException e) {
                written(ctx, CdsHooksHandler.outcome(400, "invalid", "the request body is not valid UTF-8"));
                return;
            }
            written(ctx, call.answer(issuer.isEmpty() ? null : issuer, body));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Starts a server; the rule base is loaded before it listens. */
    public static CdsHooksServer start(Config config, CdsHooksHandler handler) {
        return start(config, handler, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Starts a server that records its metrics in {@code registry} (the handler's listener should use it too). */
    public static CdsHooksServer start(Config config, CdsHooksHandler handler, PrometheusMeterRegistry registry) {
        return start(config, handler, registry, () -> true);
    }

    /** As {@link #start(Config, CdsHooksHandler, PrometheusMeterRegistry)}; ready only while {@code storeReachable}. */
    public static CdsHooksServer start(
            Config config,
            CdsHooksHandler handler,
            PrometheusMeterRegistry registry,
            java.util.function.BooleanSupplier storeReachable) {
        return start(config, handler, registry, storeReachable, null);
    }

    /** As above, also serving the course reports the handler's cards link to ({@code GET /reports/{id}}). */
    public static CdsHooksServer start(
            Config config,
            CdsHooksHandler handler,
            PrometheusMeterRegistry registry,
            java.util.function.BooleanSupplier storeReachable,
            CourseReports reports) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        CdsHooksServer server = new CdsHooksServer(config, handler, registry, storeReachable, reports);
        server.app.start(config.host(), config.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests, waits for those in flight (up to the drain timeout), then stops. */
    @Override
    public void close() {
        draining.set(true);
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("Stopping with {} requests still in flight after the drain timeout", inFlight.get());
        }
        app.stop();
    }

    /** The caller's issuer ("" without authentication), or null when refused (a bare 401 has been sent). */
    private String authorised(Context ctx) {
        if (config.authenticator() == null) {
            return "";
        }
        String audience = config.baseUrl() + ctx.path();
        JwtAuthenticator.Verdict verdict = config.authenticator().check(ctx.header("Authorization"), audience);
        if (!verdict.accepted()) {
            LOG.debug("401 for {} {}: {}", ctx.method(), ctx.path(), verdict.rejection());
            ctx.status(401).result("");
            return null;
        }
        return verdict.issuer();
    }

    /**
     * The answer to a call in flight, written and flushed before the call counts as done: stopping waits for calls in
     * flight, and a body left for the framework to write after the handler returned could be cut by the stop.
     */
    private static void written(Context ctx, HookResponse response) {
        // Encoded once: json()'s result(String) would encode the body a second time only to be replaced (a card's
        // words hold characters beyond Latin-1, which makes every encoding a char-by-char loop).
        ctx.status(response.status());
        ctx.contentType(contentType(response));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        ctx.result(new byte[0]);
        ctx.res().setContentLength(bytes.length);
        try {
            ctx.res().getOutputStream().write(bytes);
            ctx.res().flushBuffer();
        } catch (java.io.IOException e) {
            LOG.debug(
                    "The client went away before its answer was written ({})",
                    e.getClass().getSimpleName());
        }
    }

    private static void json(Context ctx, HookResponse response) {
        ctx.status(response.status());
        ctx.contentType(contentType(response));
        ctx.result(response.body());
    }

    private static String contentType(HookResponse response) {
        return response.status() >= 400 && response.body().contains("OperationOutcome")
                ? "application/fhir+json"
                : "application/json";
    }

    /** The line logged at start: what runs, under which policy, in which zone, for whom. */
    static String startupLine(
            CdsEngine engine,
            String knowledgeBase,
            java.time.ZoneId zone,
            java.util.Set<String> issuers,
            String host,
            int port) {
        return String.format(
                Locale.ROOT,
                "Ketamine CDS service on %s:%d: rule set %s, knowledge base %s, policy %s (%s), "
                        + "clinic zone %s, trusted issuers %s",
                host,
                port,
                engine.ruleSetVersion(),
                knowledgeBase,
                engine.policy().name(),
                engine.policyHash(),
                zone,
                issuers.isEmpty() ? "none (authentication off)" : issuers);
    }

    /** Runs the service command line; see {@link ServiceCommand}. */
    public static void main(String[] args) {
        System.exit(ServiceCommand.run(args));
    }
}
