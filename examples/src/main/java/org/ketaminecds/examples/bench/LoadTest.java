package org.ketaminecds.examples.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, fixed-rate load generator (open model, so queueing delay is measured rather than hidden): sends
 * {@code rate} requests per second for {@code seconds} to a CDS Hooks service on loopback and reports latency
 * percentiles measured from each request's scheduled send time. At most {@code 2 x rate} requests are in flight;
 * beyond that a request is counted as dropped. It stops by itself.
 *
 * <p>Usage: {@code LoadTest URL REQUEST.json RATE SECONDS}
 */
public final class LoadTest {
    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("load tests only target loopback, not " + uri.getHost());
        }
        String body = Files.readString(Path.of(args[1]));
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int total = rate * seconds;
        int maxInFlight = 2 * rate;
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(2)).build();
        // Warm up the service (JIT) for a few seconds at the same rate, unmeasured.
        fire(client, uri, body, rate, Math.min(5, seconds), maxInFlight, null);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] outcome = fire(client, uri, body, rate, seconds, maxInFlight, latencies);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "requests=%d ok=%d errors=%d dropped=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f%n",
                total, sorted.length, outcome[0], outcome[1], pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.exit(0);
    }

    /** Returns {errors, dropped}. */
    private static int[] fire(HttpClient client, URI uri, String body, int rate, int seconds, int maxInFlight,
            ConcurrentLinkedQueue<Long> latencies) throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 10_000_000;
        long periodNanos = 1_000_000_000L / rate;
        AtomicInteger sent = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            while (sent.get() < total && start + sent.get() * periodNanos <= now) {
                long scheduled = start + sent.getAndIncrement() * periodNanos;
                if (inFlight.incrementAndGet() > maxInFlight) {
                    inFlight.decrementAndGet();
                    dropped.incrementAndGet();
                    done.countDown();
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (latencies != null) {
                        latencies.add(System.nanoTime() - scheduled);
                    }
                    inFlight.decrementAndGet();
                    done.countDown();
                });
            }
        }, 0, 200, TimeUnit.MICROSECONDS);
        done.await(seconds + 30L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        return new int[] {errors.get(), dropped.get()};
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
