package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.CdsService;
import org.ketaminecds.hooks.CdsServices;
import org.ketaminecds.hooks.FeedbackEvent;
import org.ketaminecds.hooks.FhirServerPolicy;
import org.ketaminecds.hooks.HookResponse;

/**
 * The service against an attacker and an operator: a FHIR server that trickles, redirects, loops and answers 300 MB;
 * hosts and schemes not allowed; template injection; slow request bodies; a token replayed across a restart;
 * feedback injection; a clinic zone other than the server's; a local critical rule; HTTP hygiene; health and metrics;
 * the command line; draining on stop.
 */
class ServiceHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://ehr.example.org";
    /** The most MiB of the huge body that one response of the fake FHIR server got out. */
    private static final AtomicInteger HUGE_MOST_SENT = new AtomicInteger();
    /** Responses of the huge path begun and finished (the server records what it sent only once the client is gone). */
    private static final AtomicInteger HUGE_STARTED = new AtomicInteger();

    private static final AtomicInteger HUGE_FINISHED = new AtomicInteger();

    private static final CdsEngine ENGINE = CdsEngine.create();
    private static HttpServer fhir;
    private static String fhirBase;
    private static final AtomicInteger TOKENS_SEEN_BY_FHIR = new AtomicInteger();

    @BeforeAll
    static void fakeFhirServer() throws Exception {
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        fhir.createContext("/ok/", exchange -> {
            if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
                TOKENS_SEEN_BY_FHIR.incrementAndGet();
            }
            byte[] body = JSON.writeValueAsBytes(ServiceFixtures.fixture(
                    exchange.getRequestURI().getPath().contains("Patient/")
                            ? "patient.json"
                            : "medication-list.bundle.json"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.createContext("/trickle/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the client gave up, as it should
            }
            exchange.close();
        });
        fhir.createContext("/redirect/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        fhir.createContext("/huge/", exchange -> {
            HUGE_STARTED.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            int sent = 0;
            try {
                for (int i = 0; i < 300; i++) {
                    out.write(chunk);
                    sent++;
                }
            } catch (Exception e) {
                // the client stopped reading at the limit
            }
            int mib = sent;
            HUGE_MOST_SENT.accumulateAndGet(mib, Math::max);
            HUGE_FINISHED.incrementAndGet();
            exchange.close();
        });
        fhir.start();
        fhirBase = "http://127.0.0.1:" + fhir.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        fhir.stop(0);
    }

    private static CdsHooksHandler handler(String... allowedBases) {
        List<URI> bases = java.util.Arrays.stream(allowedBases).map(URI::create).toList();
        return CdsHooksHandler.builder(ENGINE)
                .clock(ServiceFixtures.CLOCK)
                .fetcher(new HttpFhirFetcher(Duration.ofSeconds(2), CdsHooksServer.MAX_REQUEST_BYTES))
                .fhirServers(new FhirServerPolicy(Map.of(ISSUER, bases), bases, true))
                .fetchBudget(Duration.ofSeconds(3))
                .build();
    }

    /** A patient-view request that sends nothing, so that everything must be fetched from {@code server}. */
    private static String fetchEverything(String server, String patientId) {
        ObjectNode r = ServiceFixtures.request("patient-view", JSON.createObjectNode());
        r.remove("prefetch");
        ((ObjectNode) r.get("context")).put("patientId", patientId);
        r.put("fhirServer", server);
        r.putObject("fhirAuthorization")
                .put("access_token", "secret-token")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "cds-service");
        return r.toString();
    }

    @Test
    void aTricklingRedirectingOrHugeFhirServer_isCutOff_within_theBudget() throws InterruptedException {
        for (String path : List.of("/trickle", "/redirect", "/huge")) {
            CdsHooksHandler handler = handler(fhirBase + path);
            long start = System.nanoTime();
            HookResponse r =
                    handler.invoke("ketamine-course-overview", fetchEverything(fhirBase + path, "pt-1001"), ISSUER);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).as(path).isEqualTo(412);
            // The fetch budget is 3 s; the trickle would take 60 s and the huge body never ends. The margin is for a
            // busy machine: the claim is "cut off", not a latency.
            assertThat(ms).as("%s answered within the budget", path).isLessThan(30_000);
        }
        // The client stops reading at the 8 MiB document limit (or at its deadline, on a loaded machine): the server
        // could
        // hand over at most that plus what the sockets buffer, never the 300 MiB body (measured where it is sent, not
        // by
        // the heap of a shared test JVM). The server learns that the client is gone only when a write fails, after the
        // handler has answered: wait for every response it began to end before reading what it sent. No lower bound on
        // the amount: how much arrives before the deadline depends on how busy the machine is.
        assertThat(HUGE_STARTED.get()).as("the huge server was asked").isPositive();
        long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (HUGE_FINISHED.get() < HUGE_STARTED.get() && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        assertThat(HUGE_FINISHED.get())
                .as("every huge response ended once its client was gone")
                .isEqualTo(HUGE_STARTED.get());
        assertThat(HUGE_MOST_SENT.get())
                .as("MiB of the 300 MiB body one fetch took")
                .isLessThanOrEqualTo(40);
    }

    @Test
    void anUnlistedHostOrPlainHttpElsewhere_isNeverContacted_andTheTokenNeverSent() {
        CdsHooksHandler handler = handler(fhirBase + "/ok");
        int before = TOKENS_SEEN_BY_FHIR.get();
        HookResponse other = handler.invoke(
                "ketamine-course-overview", fetchEverything("https://evil.example.net/fhir", "pt-1001"), ISSUER);
        assertThat(other.status()).isEqualTo(412);
        assertThat(other.body()).contains("not on this service's allow-list");
        HookResponse http = handler.invoke(
                "ketamine-course-overview", fetchEverything("http://ehr.example.org/fhir", "pt-1001"), ISSUER);
        assertThat(http.body()).contains("must use https");
        HookResponse listed =
                handler.invoke("ketamine-course-overview", fetchEverything(fhirBase + "/ok", "pt-1001"), ISSUER);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(TOKENS_SEEN_BY_FHIR.get() - before)
                .as("only the listed server saw the token")
                .isPositive();
        HookResponse anotherClient = handler.invoke(
                "ketamine-course-overview",
                fetchEverything(fhirBase + "/ok", "pt-1001"),
                "https://other-ehr.example.org");
        assertThat(anotherClient.body()).contains("not on this service's allow-list");
    }

    @Test
    void contextValuesAreFhirIds_soTemplatesCannotBeInjectedOrTraversed() {
        CdsHooksHandler handler = handler(fhirBase + "/ok");
        for (String id : List.of("{{context.patientId}}", "../admin?x=1", "p 1", "a".repeat(65))) {
            HookResponse r = handler.invoke("ketamine-course-overview", fetchEverything(fhirBase + "/ok", id), ISSUER);
            assertThat(r.status()).as(id).isEqualTo(400);
            assertThat(r.body())
                    .contains("context.patientId must be a FHIR id")
                    .doesNotContain(id.substring(0, 3) + "min");
        }
        assertThat(CdsHooksHandler.fill(
                        "Patient/{{context.patientId}}", JSON.createObjectNode().put("patientId", "pt-1")))
                .isEqualTo("Patient/pt-1");
        assertThat(CdsHooksHandler.fill(
                        "Patient/{{context.patientId", JSON.createObjectNode().put("patientId", "pt-1")))
                .isNull();
        assertThat(CdsHooksHandler.fill("Patient/{{other.x}}", JSON.createObjectNode()))
                .isNull();
    }

    @Test
    void feedbackInjection_isRefused_andNothingButCodesReachesTheSink() {
        List<FeedbackEvent> sink = new ArrayList<>();
        CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                .zone(java.time.ZoneOffset.UTC)
                .feedback(sink::add)
                .build();
        String forged = """
                {"feedback":[{"card":"9b0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f\\nINFO forged audit line","outcome":"accepted",
                  "outcomeTimestamp":"2026-03-12T15:40:00Z"}]}""";
        assertThat(handler.feedback("ketamine-order-sign", forged).status()).isEqualTo(400);
        String badCode = """
                {"feedback":[{"card":"9b0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f","outcome":"overridden",
                  "overrideReason":{"reason":{"system":"http://x","code":"a b\\r\\nc"}},"outcomeTimestamp":"2026-03-12T15:40:00Z"}]}""";
        assertThat(handler.feedback("ketamine-order-sign", badCode).status()).isEqualTo(400);
        StringBuilder many = new StringBuilder("{\"feedback\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"card\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-03-12T15:40:00Z\"}");
        }
        assertThat(handler.feedback("ketamine-order-sign", many + "]}").status())
                .isEqualTo(400);
        assertThat(sink).isEmpty();
    }

    @Test
    void theClinicZone_decidesWhichDoseIsToday() throws Exception {
        // A dose at 15:30 in Los Angeles, looked at 75 minutes later: 23:30Z and 00:45Z the next day in UTC.
        String body =
                JSON.writeValueAsString(ServiceFixtures.request("encounter-start", ServiceFixtures.fullPrefetch()));
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        for (JsonNode entry : request.path("prefetch").path("administrations").path("entry")) {
            ObjectNode resource = (ObjectNode) entry.get("resource");
            if (resource.path("id").asText().equals("ma-0312")) {
                resource.put("effectiveDateTime", "2026-03-12T15:30:00-08:00");
            }
        }
        Instant now = Instant.parse("2026-03-13T00:45:00Z");
        CdsHooksHandler clinic = CdsHooksHandler.builder(ENGINE)
                .clock(Clock.fixed(now, ZoneId.of("America/Los_Angeles")))
                .build();
        CdsHooksHandler utc = CdsHooksHandler.builder(ENGINE)
                .clock(Clock.fixed(now, ZoneId.of("UTC")))
                .build();
        JsonNode inClinic = JSON.readTree(
                clinic.invoke("ketamine-session-day", request.toString()).body());
        JsonNode inUtc = JSON.readTree(
                utc.invoke("ketamine-session-day", request.toString()).body());
        assertThat(fired(inClinic)).as("the dose was today at the clinic").contains("MON-010");
        assertThat(fired(inUtc)).as("in UTC the dose was yesterday").doesNotContain("MON-010");
    }

    private static List<String> fired(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("extension")
                .path("org.ketaminecds.evaluation")
                .path("firedRules")
                .forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void aSitesCriticalLocalRule_isShown_andARuleNoServiceShowsStopsTheStart() throws Exception {
        CdsEngine clinic = ServiceCommand.engine(null, "exampleClinic");
        CdsHooksHandler handler =
                CdsHooksHandler.builder(clinic).clock(ServiceFixtures.CLOCK).build();
        String body =
                JSON.writeValueAsString(ServiceFixtures.request("encounter-start", ServiceFixtures.fullPrefetch()));
        HookResponse r = handler.invoke("ketamine-session-day", body);
        assertThat(r.body()).contains("\"ruleId\":\"SITE-001\"", "\"indicator\":\"critical\"");
        List<CdsService> withoutMedication = CdsServices.standard().stream()
                .map(s -> new CdsService(
                        s.id(),
                        s.hook(),
                        s.title(),
                        s.description(),
                        s.prefetch(),
                        s.required(),
                        s.requiredContext(),
                        java.util.Set.of("trajectory")))
                .toList();
        assertThatThrownBy(() -> CdsHooksHandler.builder(ENGINE)
                        .zone(java.time.ZoneOffset.UTC)
                        .services(withoutMedication)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MED-010");
        assertThatThrownBy(() -> CdsHooksHandler.builder(ENGINE).build())
                .as("no silent UTC")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clinic's time zone");
    }

    @Test
    void aTokenReplayedAfterARestart_isRefused_andLongLivedOrNotYetValidTokensToo() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Map<String, JWKSet> trusted = Map.of(ISSUER, new JWKSet(key.toPublicJWK()));
        String audience = "https://cds.example.org/cds-services/x";
        String token = token(
                key, audience, Instant.now().minusSeconds(120), Instant.now().plusSeconds(120), null);
        JwtAuthenticator first = new JwtAuthenticator(trusted, Clock.systemUTC(), Duration.ofSeconds(30));
        // Accepted by a process that started before it was issued...
        JwtAuthenticator early =
                new JwtAuthenticator(trusted, startedAgo(Duration.ofMinutes(10)), Duration.ofSeconds(30));
        assertThat(first.check("Bearer " + token, audience).rejection())
                .isEqualTo("issued before this service started (its replay record is gone)");
        JwtAuthenticator.ReplayGuard shared = JwtAuthenticator.inMemory(Clock.systemUTC());
        JwtAuthenticator replicaA =
                new JwtAuthenticator(trusted, Clock.systemUTC(), Duration.ofSeconds(30), durable(shared));
        JwtAuthenticator replicaB =
                new JwtAuthenticator(trusted, Clock.systemUTC(), Duration.ofSeconds(30), durable(shared));
        assertThat(replicaA.check("Bearer " + token, audience).accepted()).isTrue();
        assertThat(replicaB.check("Bearer " + token, audience).rejection()).isEqualTo("jti replayed");
        assertThat(early.check("Bearer " + token, audience).accepted())
                .as("issued well after that process started")
                .isTrue();
        // Used a second before a restart, replayed right after it: the new process cannot know, so it refuses.
        String justBefore = token(
                key, audience, Instant.now().minusSeconds(1), Instant.now().plusSeconds(120), null);
        JwtAuthenticator restarted = new JwtAuthenticator(trusted, Clock.systemUTC(), Duration.ofSeconds(30));
        assertThat(restarted.check("Bearer " + justBefore, audience).rejection())
                .isEqualTo("issued before this service started (its replay record is gone)");
        String longLived = token(key, audience, Instant.now(), Instant.now().plus(Duration.ofDays(27_000)), null);
        assertThat(replicaA.check("Bearer " + longLived, audience).rejection()).contains("longer than 5 minutes");
        String notYet = token(
                key,
                audience,
                Instant.now(),
                Instant.now().plusSeconds(200),
                Instant.now().plusSeconds(150));
        assertThat(replicaA.check("Bearer " + notYet, audience).rejection()).contains("nbf");
        String lowerCase = token(key, audience, Instant.now(), Instant.now().plusSeconds(200), null);
        assertThat(replicaA.check("bearer " + lowerCase, audience).accepted())
                .as("scheme is case-insensitive")
                .isTrue();
    }

    /** The system clock, except that its first reading (the authenticator's start) lies {@code ago} back. */
    private static Clock startedAgo(Duration ago) {
        return new Clock() {
            private boolean started;

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                Instant now = Instant.now();
                if (!started) {
                    started = true;
                    return now.minus(ago);
                }
                return now;
            }
        };
    }

    private static JwtAuthenticator.ReplayGuard durable(JwtAuthenticator.ReplayGuard store) {
        return new JwtAuthenticator.ReplayGuard() {
            @Override
            public boolean firstUse(String key, Instant expiry) {
                return store.firstUse(key, expiry);
            }

            @Override
            public boolean remembersEarlierProcesses() {
                return true;
            }
        };
    }

    private static String token(RSAKey key, String audience, Instant iat, Instant exp, Instant nbf) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString());
        if (nbf != null) {
            claims.notBeforeTime(Date.from(nbf));
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void httpHygiene_healthMetrics_slowBodies_andDrainingOnStop() throws Exception {
        // A listener that, once armed, holds the next request inside the handler until released: the request is then
        // certainly in flight when stopping begins.
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        org.ketaminecds.hooks.HookListener holding = new org.ketaminecds.hooks.HookListener() {
            @Override
            public void evaluated(String serviceId, org.ketaminecds.cds.Evaluation evaluation, long nanos) {
                if (armed.compareAndSet(true, false)) {
                    entered.countDown();
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                .clock(ServiceFixtures.CLOCK)
                .listener(holding)
                .build();
        CdsHooksServer server = CdsHooksServer.start(
                new CdsHooksServer.Config(
                        "127.0.0.1", 0, "http://localhost", null, Duration.ofSeconds(2), 1024, Duration.ofSeconds(10)),
                handler);
        String base = "http://127.0.0.1:" + server.port();
        // A new client (so a new connection) per request: this server closes connections idle for 2 s, and a pooled
        // connection it closes just as the client reuses it fails with "header parser received no bytes" on a busy
        // machine.
        Http http = new Http();
        String body = JSON.writeValueAsString(ServiceFixtures.request("patient-view", ServiceFixtures.fullPrefetch()));
        try {
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/cds-services/ketamine-course-overview"))
                            .PUT(HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(405);
            HttpResponse<String> text = post(http, base, "text/plain", body.getBytes(StandardCharsets.UTF_8));
            assertThat(text.statusCode()).isEqualTo(415);
            byte[] badUtf8 = body.replace("pt-1001", "pt-1001\u0000").getBytes(StandardCharsets.UTF_8);
            badUtf8[badUtf8.length - 3] = (byte) 0xC3;
            badUtf8[badUtf8.length - 2] = (byte) 0x28;
            HttpResponse<String> bad = post(http, base, "application/json", badUtf8);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("UTF-8").doesNotContain("pt-1001");
            HttpResponse<String> ok =
                    post(http, base, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(get(http, base + "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(http, base + "/health/ready").statusCode()).isEqualTo(200);
            String metrics = get(http, base + "/metrics").body();
            assertThat(metrics).contains("jvm_memory_used_bytes");
            // A client that sends its body a byte at a time is cut off (idle timeout and minimum data rate): the server
            // answers or closes the connection long before the client would have sent its body. Judged by what the
            // client could send (100 bytes of 100,000 in 100 attempts, 100 ms apart), not by a wall-clock limit.
            int sentBytes = 0;
            boolean cutOff = false;
            try (Socket slow = new Socket("127.0.0.1", server.port())) {
                OutputStream out = slow.getOutputStream();
                out.write(
                        ("POST /cds-services/ketamine-course-overview HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 100000\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = slow.getInputStream();
                slow.setSoTimeout(60_000);
                try {
                    while (sentBytes < 600 && in.available() == 0) {
                        out.write('{');
                        out.flush();
                        sentBytes++;
                        Thread.sleep(100);
                    }
                    // The server's answer (an error status) or the end of the stream; a read that times out fails.
                    cutOff = in.available() > 0 || in.read() < 0;
                } catch (java.io.IOException closed) {
                    cutOff = true; // reset while writing or reading
                }
            }
            assertThat(cutOff).as("the server ended the slow request").isTrue();
            assertThat(sentBytes).as("bytes the slow client got to send").isLessThan(600);
            // Draining: a request in flight when stop begins still gets its answer, and stopping waits for it.
            armed.set(true);
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/cds-services/ketamine-course-overview"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("request reached the handler")
                    .isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(200);
            assertThat(stopping).as("stopping waits for the request in flight").isNotDone();
            release.countDown();
            assertThat(inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
            stopping.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    /** Sends each request on a new client, hence on a new connection. */
    private static final class Http {
        <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Exception {
            return HttpClient.newHttpClient().send(request, body);
        }

        <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> body) {
            return HttpClient.newHttpClient().sendAsync(request, body);
        }
    }

    private static HttpResponse<String> post(Http http, String base, String type, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/cds-services/ketamine-course-overview"))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Http http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCommandLine_helpsAndRefusesBadOptionsWithoutAStackTrace() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(ServiceCommand.run(new String[] {"--help"})).isZero();
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--clinic-zone", "KETAMINE_CDS_");
            captured.reset();
            assertThat(ServiceCommand.run(new String[] {"--port", "eighty", "--clinic-zone", "UTC"}))
                    .isEqualTo(2);
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("--port")
                    .doesNotContain("at picocli");
            captured.reset();
            assertThat(ServiceCommand.run(new String[] {"--insecure-no-auth"})).isEqualTo(2);
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--clinic-zone");
            captured.reset();
            assertThat(ServiceCommand.run(new String[] {"--clinic-zone", "UTC"}))
                    .isEqualTo(2);
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("no trusted issuer");
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }
}
