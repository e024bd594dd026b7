package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.service.store.Databases;
import org.ketaminecds.service.store.Store;
import org.ketaminecds.service.store.SuppressionPolicy;

/**
 * Scale-out evidence: two service instances over HTTP on one real PostgreSQL (a token replayed to the other instance
 * is refused; an override made through one holds the card back on the other), and a crash test: feedback
 * acknowledged, the service process killed with SIGKILL, restarted on the same store, nothing lost.
 */
class ScaleOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://ehr.example.org";
    private static final String SERVICE = "/cds-services/ketamine-course-overview";

    @Test
    void twoReplicasOnOnePostgres_shareReplayProtection_andOverrides() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String url = Databases.newPostgresDatabase();
        CdsEngine engine = CdsEngine.create();
        try (Store storeA = Store.open(Databases.settings(url, SuppressionPolicy.DEFAULTS), Clock.systemUTC());
                Store storeB = Store.open(Databases.settings(url, SuppressionPolicy.DEFAULTS), Clock.systemUTC())) {
            CdsHooksServer a = replica(engine, storeA, key);
            CdsHooksServer b = replica(engine, storeB, key);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String body = JSON.writeValueAsString(ServiceTestSupport.courseRequest());
                String token = token(key, "http://localhost" + SERVICE);
                HttpResponse<String> first = post(http, a, SERVICE, body, token);
                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                HttpResponse<String> replayed = post(http, b, SERVICE, body, token);
                assertThat(replayed.statusCode())
                        .as("the same token at the other replica")
                        .isEqualTo(401);

                JsonNode card = null;
                for (JsonNode c : JSON.readTree(first.body()).path("cards")) {
                    if (!c.path("indicator").asText().equals("critical")) {
                        card = c;
                    }
                }
                assertThat(card).isNotNull();
                String uuid = card.path("uuid").asText();
                HttpResponse<String> fb = post(
                        http,
                        a,
                        SERVICE + "/feedback",
                        overridden(uuid, ServiceFixtures.CLOCK.instant()), // the replicas' clock
                        token(key, "http://localhost" + SERVICE + "/feedback"));
                assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);

                HttpResponse<String> atB = post(http, b, SERVICE, body, token(key, "http://localhost" + SERVICE));
                assertThat(atB.statusCode()).isEqualTo(200);
                JsonNode response = JSON.readTree(atB.body());
                assertThat(uuids(response)).doesNotContain(uuid);
                assertThat(response.path("extension")
                                .path("org.ketaminecds.evaluation")
                                .path("withheld")
                                .get(0)
                                .path("card")
                                .asText())
                        .isEqualTo(uuid);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void acknowledgedFeedback_survivesTheServiceBeingKilled() throws Exception {
        Path data = Files.createTempDirectory("kcds-crash");
        HttpClient http = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(ServiceTestSupport.courseRequest());
        Started first = startService(data);
        String summary;
        try {
            HttpResponse<String> r = post(http, first.port(), SERVICE, body, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode card = null;
            for (JsonNode c : JSON.readTree(r.body()).path("cards")) {
                if (!c.path("indicator").asText().equals("critical")) {
                    card = c;
                }
            }
            assertThat(card).isNotNull();
            summary = card.path("summary").asText();
            HttpResponse<String> fb = post(
                    http,
                    first.port(),
                    SERVICE + "/feedback",
                    overridden(card.path("uuid").asText(), Instant.now()), // a real service: the real clock
                    null);
            assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain, no close
            assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        Started second = startService(data);
        try {
            HttpResponse<String> r = post(http, second.port(), SERVICE, body, null);
            JsonNode response = JSON.readTree(r.body());
            // Card ids are per evaluation (this service runs on the real clock), so the card is known by its content.
            List<String> summaries = new ArrayList<>();
            response.path("cards").forEach(c -> summaries.add(c.path("summary").asText()));
            assertThat(summaries)
                    .as("the override made before the crash still holds")
                    .doesNotContain(summary);
            assertThat(response.path("extension")
                            .path("org.ketaminecds.evaluation")
                            .path("withheld")
                            .get(0)
                            .path("summary")
                            .asText())
                    .isEqualTo(summary);
        } finally {
            second.process().destroy();
            second.process().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private record Started(Process process, int port) {}

    /** The service in its own JVM, embedded store under {@code data}, authentication off; waits for its port. */
    private static Started startService(Path data) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CdsHooksServer.class.getName(),
                        "--clinic-zone",
                        "UTC",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--insecure-no-auth",
                        "--data-dir",
                        data.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern started = Pattern.compile("Ketamine CDS service on 127\\.0\\.0\\.1:(\\d+)");
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = started.matcher(line);
                    if (m.find()) {
                        int found = Integer.parseInt(m.group(1));
                        Thread drain = new Thread(() -> {
                            try {
                                out.transferTo(java.io.Writer.nullWriter());
                            } catch (java.io.IOException ignored) {
                                // the process ended
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return found;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("the service stopped before it listened");
        });
        return new Started(p, port.get(90, TimeUnit.SECONDS));
    }

    private static CdsHooksServer replica(CdsEngine engine, Store store, RSAKey key) {
        CdsHooksHandler handler = CdsHooksHandler.builder(engine)
                .clock(ServiceFixtures.CLOCK)
                .ledger(store.ledger())
                .build();
        JwtAuthenticator auth = new JwtAuthenticator(
                Map.of(ISSUER, new JWKSet(key.toPublicJWK())),
                Clock.systemUTC(),
                Duration.ofSeconds(30),
                store.replayGuard());
        return CdsHooksServer.start(
                new CdsHooksServer.Config("127.0.0.1", 0, "http://localhost", auth),
                handler,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                store::reachable);
    }

    private static String token(RSAKey key, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject("client")
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> post(
            HttpClient http, CdsHooksServer server, String path, String body, String token) throws Exception {
        return post(http, server.port(), path, body, token);
    }

    private static HttpResponse<String> post(HttpClient http, int port, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String overridden(String uuid, Instant at) throws Exception {
        ObjectNode f = JSON.createObjectNode();
        f.putArray("feedback")
                .addObject()
                .put("card", uuid)
                .put("outcome", "overridden")
                .put("outcomeTimestamp", at.toString())
                .putObject("overrideReason")
                .put("userComment", "not for this patient"); // info cards offer no coded reason
        return JSON.writeValueAsString(f);
    }

    private static List<String> uuids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("cards").forEach(c -> ids.add(c.path("uuid").asText()));
        return ids;
    }
}
