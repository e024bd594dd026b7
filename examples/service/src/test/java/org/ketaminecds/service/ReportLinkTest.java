package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The course-overview cards link to the course report of their evaluation: the link opens the report (in a real
 * browser too), carries no patient identifier, and stops working when its time is up.
 */
class ReportLinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void courseOverviewCards_linkToTheirReport_whichOpens_andExpires() throws Exception {
        AtomicLong nanos = new AtomicLong();
        CdsEngine engine = CdsEngine.create();
        CdsHooksServer server = null;
        ChromeDriver browser = null;
        try {
            // A first server to learn a free port, as the link needs the public base URL.
            server = CdsHooksServer.start(
                    new CdsHooksServer.Config("127.0.0.1", 0, "http://localhost", null),
                    CdsHooksHandler.builder(engine).clock(ServiceFixtures.CLOCK).build());
            int port = server.port();
            server.close();
            String base = "http://127.0.0.1:" + port;
            CourseReports reports = new CourseReports(base, engine, Duration.ofMinutes(15), nanos::get);
            CdsHooksHandler handler = CdsHooksHandler.builder(engine)
                    .clock(ServiceFixtures.CLOCK)
                    .reports(reports)
                    .build();
            server = CdsHooksServer.start(
                    new CdsHooksServer.Config("127.0.0.1", port, base, null),
                    handler,
                    new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
                    () -> true,
                    reports);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/cds-services/ketamine-course-overview"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    JSON.writeValueAsString(ServiceTestSupport.courseRequest())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode cards = JSON.readTree(r.body()).path("cards");
            assertThat(cards.size()).isPositive();
            String url = cards.get(0).path("links").get(0).path("url").asText();
            assertThat(cards.get(0).path("links").get(0).path("type").asText()).isEqualTo("absolute");
            for (JsonNode c : cards) {
                assertThat(c.path("links").toString()).contains(url);
            }
            assertThat(url)
                    .startsWith(base + "/reports/")
                    .doesNotContain("pt-1001")
                    .matches(".*/reports/[A-Za-z0-9_-]{22}");

            java.io.PrintStream err = System.err;
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            HttpResponse<String> page;
            try {
                System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
                page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                // The access log line is written after the response: wait for it (bounded), however busy the machine.
                long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (!log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("GET /reports/{id}")
                        && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
            } finally {
                System.setErr(err);
            }
            String token = url.substring(url.lastIndexOf('/') + 1);
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .as("access log")
                    .contains("GET /reports/{id} 200")
                    .doesNotContain(token);
            assertThat(page.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("no CORS on reports")
                    .isEmpty();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'none'");
            assertThat(page.body())
                    .contains("Ketamine course report")
                    .contains("<svg")
                    .doesNotContain("pt-1001");

            // In a real browser too, where one can be had (org.ketaminecds.cli.Browsers; CI requires it).
            browser = org.ketaminecds.cli.Browsers.headless(new ChromeOptions()).orElse(null);
            if (browser != null) {
                browser.get(url);
                assertThat(browser.getTitle()).isEqualTo("Ketamine course report");
                assertThat(browser.findElements(By.cssSelector("article.card"))).hasSize(cards.size());
            }

            nanos.addAndGet(Duration.ofMinutes(16).toNanos());
            HttpResponse<String> expired =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(404);
            browser.get(url);
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("expired");
            HttpResponse<String> guessed = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/reports/AAAAAAAAAAAAAAAAAAAAAA"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(guessed.statusCode()).isEqualTo(404);

            // Other hooks carry no report link.
            HttpResponse<String> order = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/cds-services/ketamine-order-select"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                    ServiceFixtures.request("order-select", ServiceFixtures.fullPrefetch()))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(order.body()).doesNotContain("/reports/");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
