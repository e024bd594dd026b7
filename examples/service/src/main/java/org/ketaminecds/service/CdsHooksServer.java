package org.ketaminecds.service;

import com.nimbusds.jose.jwk.JWKSet;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.CdsServices;
import org.ketaminecds.hooks.FeedbackSink;
import org.ketaminecds.hooks.HookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CDS Hooks 2.0 service for Ketamine CDS over HTTP (Javalin): {@code GET /cds-services}, {@code POST
 * /cds-services/{id}} and {@code POST /cds-services/{id}/feedback}, with JWT client authentication and CORS. The rule
 * base is built once at start-up.
 *
 * <pre>
 * java -cp examples/target/ketamine-cds-examples.jar:examples/target/lib/* \
 *     org.ketaminecds.service.CdsHooksServer --port 8080 --base-url http://localhost:8080 \
 *     --trust https://ehr.example.org=ehr-jwks.json [--policy site-policy.yaml] [--knowledge-base exampleClinic]
 * </pre>
 */
public final class CdsHooksServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);
    /** The largest request body accepted: a real patient's prefetched Observation history passes 1 MB. */
    public static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    /**
     * @param host address to listen on
     * @param port port (0 = any free port)
     * @param baseUrl the public base URL clients call (the JWT {@code aud} must be this plus the path)
     * @param authenticator JWT checker; null switches authentication off (development only; logged as a warning)
     */
    public record Config(String host, int port, String baseUrl, JwtAuthenticator authenticator) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(baseUrl, "baseUrl");
        }
    }

    private final Javalin app;
    private final Config config;
    private final CdsHooksHandler handler;

    private CdsHooksServer(Config config, CdsHooksHandler handler) {
        this.config = config;
        this.handler = handler;
        if (config.authenticator() == null) {
            LOG.warn("CDS Hooks client authentication is OFF (--insecure-no-auth): development use only");
        }
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_REQUEST_BYTES;
            c.routes.error(413, "*", ctx -> json(ctx, CdsHooksHandler.outcome(413, "too-costly",
                    "the request body is larger than the " + MAX_REQUEST_BYTES / (1024 * 1024) + " MiB this service accepts")));
            c.routes.before(ctx -> {
                ctx.header("Access-Control-Allow-Origin", "*");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            });
            c.routes.options("/cds-services", ctx -> ctx.status(204));
            c.routes.options("/cds-services/{id}", ctx -> ctx.status(204));
            c.routes.options("/cds-services/{id}/feedback", ctx -> ctx.status(204));
            c.routes.get("/cds-services", ctx -> {
                if (authorised(ctx)) {
                    json(ctx, new HookResponse(200, handler.discovery()));
                }
            });
            c.routes.post("/cds-services/{id}", ctx -> {
                if (authorised(ctx)) {
                    json(ctx, handler.invoke(ctx.pathParam("id"), ctx.body()));
                }
            });
            c.routes.post("/cds-services/{id}/feedback", ctx -> {
                if (authorised(ctx)) {
                    json(ctx, handler.feedback(ctx.pathParam("id"), ctx.body()));
                }
            });
        });
    }

    /** Starts a server; the rule base is loaded before it listens. */
    public static CdsHooksServer start(Config config, CdsHooksHandler handler) {
        CdsHooksServer server = new CdsHooksServer(config, handler);
        server.app.start(config.host(), config.port());
        LOG.info("Ketamine CDS CDS Hooks service listening on {}:{} ({} services, rule set {})", config.host(),
                server.port(), handler.services().size(), "loaded");
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private boolean authorised(Context ctx) {
        if (config.authenticator() == null) {
            return true;
        }
        String audience = config.baseUrl() + ctx.path();
        Optional<String> rejection = config.authenticator().reject(ctx.header("Authorization"), audience);
        if (rejection.isPresent()) {
            LOG.debug("401 for {} {}: {}", ctx.method(), ctx.path(), rejection.get());
            ctx.status(401).result("");
            return false;
        }
        return true;
    }

    private static void json(Context ctx, HookResponse response) {
        ctx.status(response.status());
        ctx.contentType(response.status() >= 400 && response.body().contains("OperationOutcome")
                ? "application/fhir+json" : "application/json");
        ctx.result(response.body());
    }

    /**
     * The engine the service runs: the shipped defaults, or a site policy file (JSON or YAML), and optionally a
     * site's knowledge base (e.g. {@code exampleClinic}, ours plus local rules).
     */
    static CdsEngine engine(Path policyFile, String knowledgeBase) throws IOException {
        CdsEngine.Builder builder = CdsEngine.builder();
        if (policyFile != null) {
            builder.policy(org.ketaminecds.policy.PolicyFile.read(policyFile).policy());
        }
        if (knowledgeBase != null) {
            builder.knowledgeBase(knowledgeBase);
        }
        return builder.build();
    }

    /** Command line: see the class comment; {@code --help} prints the options. */
    public static void main(String[] args) throws IOException, ParseException {
        String host = "127.0.0.1";
        int port = 8080;
        String baseUrl = null;
        boolean noAuth = false;
        Path policyFile = null;
        String knowledgeBase = null;
        Map<String, JWKSet> trusted = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--base-url" -> baseUrl = args[++i];
                case "--trust" -> {
                    String[] parts = args[++i].split("=", 2);
                    trusted.put(parts[0], JWKSet.load(Files.newInputStream(Path.of(parts[1]))));
                }
                case "--insecure-no-auth" -> noAuth = true;
                case "--policy" -> policyFile = Path.of(args[++i]);
                case "--knowledge-base" -> knowledgeBase = args[++i];
                default -> {
                    System.err.println("usage: CdsHooksServer [--host H] [--port P] [--base-url URL] "
                            + "[--trust ISSUER=JWKS.json]... [--insecure-no-auth] [--policy SITE-POLICY-FILE] "
                            + "[--knowledge-base NAME]");
                    System.exit(2);
                }
            }
        }
        if (!noAuth && trusted.isEmpty()) {
            System.err.println("no trusted issuer: give --trust ISSUER=JWKS.json, or --insecure-no-auth for development");
            System.exit(2);
        }
        String base = baseUrl != null ? baseUrl : "http://" + host + ":" + port;
        JwtAuthenticator auth = noAuth ? null : new JwtAuthenticator(trusted, Clock.systemUTC(), Duration.ofSeconds(60));
        CdsHooksHandler handler = new CdsHooksHandler(engine(policyFile, knowledgeBase), FhirReader.bundled(),
                Clock.systemDefaultZone(),
                new HttpFhirFetcher(Duration.ofSeconds(5)), FeedbackSink.logging(), CdsServices.standard());
        CdsHooksServer server = start(new Config(host, port, base, auth), handler);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
}
