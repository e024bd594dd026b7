package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminecds.service.ServiceFixtures.JSON;
import static org.ketaminecds.service.ServiceFixtures.fullPrefetch;
import static org.ketaminecds.service.ServiceFixtures.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.FeedbackEvent;

/** The CDS Hooks service on a free loopback port, called with a real HTTP client and real JWTs. */
class CdsHooksServerTest {
    private static final String ISSUER = "https://ehr.example.org";
    private static RSAKey key;
    private static RSAKey otherKey;
    private static CdsHooksServer server;
    private static HttpServer fhir;
    private static final List<FeedbackEvent> FEEDBACK = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static volatile boolean fhirFailsPatient;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();
        // FHIR server double on loopback, serving the fixtures by query.
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir/", exchange -> {
            String path = exchange.getRequestURI().toString().substring("/fhir/".length());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String file = path.startsWith("Patient/")
                    ? "patient.json"
                    : path.startsWith("Condition")
                            ? "conditions.bundle.json"
                            : path.startsWith("MedicationRequest")
                                    ? "medication-list.bundle.json"
                                    : path.startsWith("MedicationStatement")
                                            ? "medication-statements.bundle.json"
                                            : path.startsWith("Observation")
                                                    ? "observations.bundle.json"
                                                    : path.startsWith("QuestionnaireResponse")
                                                            ? "phq9.questionnaire-response.json"
                                                            : path.startsWith("MedicationAdministration")
                                                                    ? "session.bundle.json"
                                                                    : null;
            int status = !"Bearer fhir-token-123".equals(auth)
                    ? 401
                    : file == null ? 404 : fhirFailsPatient && file.equals("patient.json") ? 500 : 200;
            byte[] body = status == 200
                    ? JSON.writeValueAsBytes(ServiceFixtures.fixture(file))
                    : "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.start();
        CdsHooksHandler handler = CdsHooksHandler.builder(CdsEngine.create())
                .clock(ServiceFixtures.CLOCK)
                .fetcher(new HttpFhirFetcher(Duration.ofSeconds(5), CdsHooksServer.MAX_REQUEST_BYTES))
                .fhirServers(new org.ketaminecds.hooks.FhirServerPolicy(
                        Map.of(
                                ISSUER,
                                List.of(java.net.URI.create(
                                        "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir"))),
                        List.of(),
                        true))
                .feedback(FEEDBACK::add)
                .build();
        JwtAuthenticator auth = new JwtAuthenticator(
                Map.of(ISSUER, new JWKSet(key.toPublicJWK())), java.time.Clock.systemUTC(), Duration.ofSeconds(30));
        server = CdsHooksServer.start(new CdsHooksServer.Config("127.0.0.1", 0, "http://localhost", auth), handler);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        fhir.stop(0);
    }

    private static String token(String path, Consumer<JWTClaimsSet.Builder> claims, JWSAlgorithm alg, RSAKey signer)
            throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("http://localhost" + path)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        claims.accept(b);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg)
                        .keyID(signer.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                b.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static String token(String path) throws Exception {
        return token(path, b -> {}, JWSAlgorithm.RS384, key);
    }

    private static HttpResponse<String> call(String method, String path, String body, String jwt) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (jwt != null) {
            r.header("Authorization", "Bearer " + jwt);
        }
        r.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String service, JsonNode request) throws Exception {
        String path = "/cds-services/" + service;
        return call("POST", path, JSON.writeValueAsString(request), token(path));
    }

    private static List<String> ruleIds(HttpResponse<String> response) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body())
                .path("cards")
                .forEach(c -> ids.add(c.path("extension")
                        .path("org.ketaminecds.explanation")
                        .path("ruleId")
                        .asText()));
        return ids;
    }

    @Test
    void discovery_listsEveryServiceWithPrefetchTemplates() throws Exception {
        HttpResponse<String> r = call("GET", "/cds-services", null, token("/cds-services"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = JSON.readTree(r.body()).path("services");
        assertThat(services).hasSize(5);
        List<String> hooks = new ArrayList<>();
        services.forEach(s -> {
            hooks.add(s.path("hook").asText());
            assertThat(s.path("title").asText()).isNotBlank();
            assertThat(s.path("description").asText()).isNotBlank();
            assertThat(s.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        });
        assertThat(hooks)
                .containsExactlyInAnyOrder(
                        "patient-view", "order-select", "order-sign", "appointment-book", "encounter-start");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    /** The request names the FHIR server and the bearer token to fetch missing prefetch with. */
    private static void withFhirServer(ObjectNode req, String server) {
        req.put("fhirServer", server);
        req.putObject("fhirAuthorization")
                .put("access_token", "fhir-token-123")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "ketamine-cds");
    }

    @Test
    void anUnknownPath_getsAnOperationOutcome_thatDoesNotEchoThePath() throws Exception {
        HttpResponse<String> r = call("GET", "/no-such-thing/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(r.body())
                .contains("OperationOutcome")
                .contains("no such endpoint")
                .doesNotContain("script");
        HttpResponse<String> unknownService = post("no-such-service", request("order-sign", fullPrefetch()));
        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(unknownService.body()).contains("no CDS service with this id");
    }

    @Test
    void orderSign_withFullPrefetch_checksInteractionsAndCautionsOnly() throws Exception {
        HttpResponse<String> r = post("ketamine-order-sign", request("order-sign", fullPrefetch()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).contains("MED-013", "SCR-038").doesNotContain("TRJ-050", "PRE-011", "MON-031");
        JsonNode ext = JSON.readTree(r.body()).path("extension").path("org.ketaminecds.evaluation");
        assertThat(ext.path("service").asText()).isEqualTo("ketamine-order-sign");
        assertThat(ext.path("fhirIssues").toString())
                .contains("MedicationRequest/mr-error", "Observation/spo2-bad-unit");
    }

    @Test
    void orderSelect_answersWithTheSameChecks() throws Exception {
        HttpResponse<String> r = post("ketamine-order-select", request("order-select", fullPrefetch()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).contains("MED-013");
    }

    @Test
    void encounterStart_givesTheSessionDayScreen() throws Exception {
        HttpResponse<String> r = post("ketamine-session-day", request("encounter-start", fullPrefetch()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).contains("PRE-011", "PRE-051", "MED-013").doesNotContain("TRJ-050", "THR-010");
    }

    @Test
    void aRequestOfSeveralMegabytes_isAccepted_andOneOverTheLimitGets413WithAnOperationOutcome() throws Exception {
        ObjectNode prefetch = fullPrefetch();
        ObjectNode history =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        com.fasterxml.jackson.databind.node.ArrayNode entries = history.putArray("entry");
        java.time.Instant t = java.time.Instant.parse("2024-01-01T08:00:00Z");
        for (int i = 0; i < 4000; i++) {
            ObjectNode o = entries.addObject().putObject("resource");
            o.put("resourceType", "Observation")
                    .put("id", "hr-" + i)
                    .put("status", "final")
                    .put("effectiveDateTime", t.plusSeconds(3600L * i).toString());
            o.putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://loinc.org")
                    .put("code", "8867-4");
            o.putObject("valueQuantity")
                    .put("value", 60 + i % 30)
                    .put("system", "http://unitsofmeasure.org")
                    .put("code", "/min");
            o.putObject("text")
                    .put("status", "generated")
                    .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + "x".repeat(1200) + "</div>");
        }
        ObjectNode observations = (ObjectNode) prefetch.get("observations");
        observations.withArray("entry").addAll(entries);
        String body = JSON.writeValueAsString(request("patient-view", prefetch));
        assertThat(body.length()).isBetween(5 * 1024 * 1024, 8 * 1024 * 1024);
        HttpResponse<String> ok = call(
                "POST",
                "/cds-services/ketamine-course-overview",
                body,
                token("/cds-services/ketamine-course-overview"));
        assertThat(ok.statusCode())
                .as(ok.body().substring(0, Math.min(300, ok.body().length())))
                .isEqualTo(200);

        String tooLarge =
                body.substring(0, body.length() - 1) + ",\"padding\":\"" + "y".repeat(3 * 1024 * 1024) + "\"}";
        HttpResponse<String> rejected = call(
                "POST",
                "/cds-services/ketamine-course-overview",
                tooLarge,
                token("/cds-services/ketamine-course-overview"));
        assertThat(rejected.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(rejected.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(rejected.body()).contains("8 MiB");
    }

    @Test
    void patientView_givesTheCourseOverview() throws Exception {
        HttpResponse<String> r = post("ketamine-course-overview", request("patient-view", fullPrefetch()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).contains("TRJ-050", "TRJ-010").doesNotContain("MED-013", "PRE-011");
    }

    @Test
    void appointmentBook_checksTheProposedSessionAgainstTheSchedule() throws Exception {
        HttpResponse<String> r = post("ketamine-appointment-book", request("appointment-book", fullPrefetch()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).containsOnly("MNT-012");
    }

    @Test
    void missingPrefetch_isFetchedFromTheFhirServerWithTheBearerToken() throws Exception {
        ObjectNode req = request("order-sign", null);
        withFhirServer(req, "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir");
        HttpResponse<String> r = post("ketamine-order-sign", req);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ruleIds(r)).contains("MED-013");
    }

    @Test
    void aClosedHandler_fetchesNothing_andSaysWhatIsMissing() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        String server = "http://127.0.0.1:1/fhir";
        CdsHooksHandler closed = CdsHooksHandler.builder(CdsEngine.create())
                .clock(ServiceFixtures.CLOCK)
                .fetcher((fhirServer, token, query) -> {
                    fetches.incrementAndGet();
                    return null;
                })
                .fhirServers(new org.ketaminecds.hooks.FhirServerPolicy(
                        Map.of(ISSUER, List.of(java.net.URI.create(server))), List.of(), true))
                .build();
        closed.close();
        closed.close(); // harmless
        ObjectNode req = request("order-sign", null);
        withFhirServer(req, server);
        org.ketaminecds.hooks.HookResponse r =
                closed.invoke("ketamine-order-sign", JSON.writeValueAsString(req), ISSUER);
        assertThat(r.status()).as(r.body()).isEqualTo(412);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void theHostsFetchExecutor_runsTheFetches_andIsTheHostsToStop() throws Exception {
        java.util.concurrent.ExecutorService host = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        String server = "http://127.0.0.1:1/fhir";
        try {
            CdsHooksHandler handler = CdsHooksHandler.builder(CdsEngine.create())
                    .clock(ServiceFixtures.CLOCK)
                    .fetchExecutor(host)
                    .fetcher((fhirServer, token, query) -> {
                        threads.add(Thread.currentThread().getName());
                        return null;
                    })
                    .fhirServers(new org.ketaminecds.hooks.FhirServerPolicy(
                            Map.of(ISSUER, List.of(java.net.URI.create(server))), List.of(), true))
                    .build();
            ObjectNode req = request("order-sign", null);
            withFhirServer(req, server);
            assertThat(handler.invoke("ketamine-order-sign", JSON.writeValueAsString(req), ISSUER)
                            .status())
                    .isEqualTo(412);
            assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("pool-"));
            handler.close();
            assertThat(host.isShutdown())
                    .as("the host's executor is left running")
                    .isFalse();
            threads.clear();
            assertThat(handler.invoke("ketamine-order-sign", JSON.writeValueAsString(req), ISSUER)
                            .status())
                    .isEqualTo(412);
            assertThat(threads)
                    .as("a closed handler fetches nothing, even on the host's executor")
                    .isEmpty();
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void requiredDataThatCannotBeFetched_is412WithAnOperationOutcome() throws Exception {
        ObjectNode req = request("order-sign", null);
        withFhirServer(req, "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir");
        fhirFailsPatient = true;
        try {
            HttpResponse<String> r = post("ketamine-order-sign", req);
            assertThat(r.statusCode()).isEqualTo(412);
            JsonNode oo = JSON.readTree(r.body());
            assertThat(oo.path("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(oo.path("issue").path(0).path("diagnostics").asText())
                    .contains("patient (Patient/{{context.patientId}})");
        } finally {
            fhirFailsPatient = false;
        }
        HttpResponse<String> noServer = post("ketamine-order-sign", request("order-sign", null));
        assertThat(noServer.statusCode()).isEqualTo(412);
        assertThat(noServer.body()).contains("medicationRequests", "no fhirServer");
    }

    @Test
    void malformedRequests_are400_unknownServices404() throws Exception {
        String path = "/cds-services/ketamine-order-sign";
        HttpResponse<String> bad = call("POST", path, "{\"hook\": ", token(path));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("OperationOutcome", "malformed JSON");
        ObjectNode wrongHook = request("patient-view", fullPrefetch());
        assertThat(post("ketamine-order-sign", wrongHook).statusCode()).isEqualTo(400);
        ObjectNode noPatient = request("order-sign", fullPrefetch());
        ((ObjectNode) noPatient.get("context")).remove("patientId");
        HttpResponse<String> r = post("ketamine-order-sign", noPatient);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("context.patientId is required");
        assertThat(post("no-such-service", request("order-sign", fullPrefetch()))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyJwtFailureMode_is401() throws Exception {
        String path = "/cds-services/ketamine-course-overview";
        String body = JSON.writeValueAsString(request("patient-view", fullPrefetch()));
        assertThat(call("POST", path, body, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(call("POST", path, body, "not.a.jwt").statusCode())
                .as("garbage")
                .isEqualTo(401);
        assertThat(call("POST", path, body, token(path, b -> b.issuer("https://evil.example"), JWSAlgorithm.RS384, key))
                        .statusCode())
                .as("untrusted issuer")
                .isEqualTo(401);
        assertThat(call(
                                "POST",
                                path,
                                body,
                                token(
                                        path,
                                        b -> b.audience("http://localhost/cds-services/other"),
                                        JWSAlgorithm.RS384,
                                        key))
                        .statusCode())
                .as("wrong aud")
                .isEqualTo(401);
        assertThat(call(
                                "POST",
                                path,
                                body,
                                token(
                                        path,
                                        b -> b.expirationTime(
                                                Date.from(Instant.now().minusSeconds(120))),
                                        JWSAlgorithm.RS384,
                                        key))
                        .statusCode())
                .as("expired")
                .isEqualTo(401);
        assertThat(call(
                                "POST",
                                path,
                                body,
                                token(
                                        path,
                                        b -> b.issueTime(Date.from(Instant.now().plusSeconds(600))),
                                        JWSAlgorithm.RS384,
                                        key))
                        .statusCode())
                .as("iat in the future")
                .isEqualTo(401);
        assertThat(call("POST", path, body, token(path, b -> b.jwtID(null), JWSAlgorithm.RS384, key))
                        .statusCode())
                .as("no jti")
                .isEqualTo(401);
        assertThat(call("POST", path, body, token(path, b -> {}, JWSAlgorithm.RS256, key))
                        .statusCode())
                .as("RS256 not allowed")
                .isEqualTo(401);
        assertThat(call("POST", path, body, token(path, b -> {}, JWSAlgorithm.RS384, otherKey))
                        .statusCode())
                .as("signed by another key")
                .isEqualTo(401);
        String replay = token(path);
        assertThat(call("POST", path, body, replay).statusCode())
                .as("first use")
                .isEqualTo(200);
        assertThat(call("POST", path, body, replay).statusCode())
                .as("replayed jti")
                .isEqualTo(401);
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ehr-key-1").build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience("http://localhost" + path)
                        .jwtID("h1")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        assertThat(call("POST", path, body, hmac.serialize()).statusCode())
                .as("HMAC")
                .isEqualTo(401);
        String none = new PlainJWT(new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience("http://localhost" + path)
                        .jwtID("n1")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build())
                .serialize();
        assertThat(call("POST", path, body, none).statusCode()).as("alg none").isEqualTo(401);
        HttpResponse<String> rejected = call("POST", path, body, null);
        assertThat(rejected.body()).isEmpty();
    }

    @Test
    void feedback_isValidatedAndHandedToTheSink() throws Exception {
        String path = "/cds-services/ketamine-order-sign/feedback";
        String ok = """
                {"feedback":[{"card":"9b0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f","outcome":"overridden",
                  "overrideReason":{"reason":{"system":"http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes",
                    "code":"action-completed","display":"Already done"},"userComment":"Monitoring in place for Ms Example"},
                  "outcomeTimestamp":"2026-03-12T15:40:00Z"},
                 {"card":"1f0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f","outcome":"accepted",
                  "acceptedSuggestions":[{"id":"5a0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f"}],"outcomeTimestamp":"2026-03-12T15:41:00Z"}]}""";
        int before = FEEDBACK.size();
        assertThat(call("POST", path, ok, token(path)).statusCode()).isEqualTo(200);
        assertThat(FEEDBACK.subList(before, FEEDBACK.size())).hasSize(2).first().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("overridden");
            assertThat(e.overrideReason()).endsWith("|action-completed");
            assertThat(e.userCommentGiven()).isTrue();
            assertThat(e.toString()).doesNotContain("Ms Example");
        });
        String noOutcome =
                "{\"feedback\":[{\"card\":\"9b0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f\",\"outcomeTimestamp\":\"2026-03-12T15:40:00Z\"}]}";
        HttpResponse<String> r = call("POST", path, noOutcome, token(path));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("feedback[0].outcome must be accepted or overridden");
        String badTime =
                "{\"feedback\":[{\"card\":\"9b0e4b7a-6c5a-3f44-9d2a-1a2b3c4d5e6f\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"yesterday\"}]}";
        assertThat(call("POST", path, badTime, token(path)).statusCode()).isEqualTo(400);
        assertThat(call("POST", path, "{\"feedback\":[]}", token(path)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void corsPreflight_isAnsweredWithoutAuthentication() throws Exception {
        HttpResponse<String> r = call("OPTIONS", "/cds-services/ketamine-order-sign", null, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("Authorization"));
    }
}
