package org.ketaminecds.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bundled sample requests (one per hook) through a handler of the service's engine, which records nothing
 * and fetches nothing, for a while before the service listens: the JIT compiles the paths a call takes, so that the
 * first callers meet a service at full speed (a fresh JVM needs about its first minute under load otherwise).
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final Map<String, String> REQUESTS = Map.of(
            "ketamine-course-overview", "patient-view.json",
            "ketamine-order-select", "order-select.json",
            "ketamine-order-sign", "order-sign.json",
            "ketamine-appointment-book", "appointment-book.json",
            "ketamine-session-day", "encounter-start.json");

    private WarmUp() {}

    /** What a warm-up did: calls made, and those not answered 200 (a sample the rules could not take: a defect). */
    record Result(long calls, long failed) {}

    /** Runs the sample requests on {@code threads} threads for {@code duration}, each sample at least once per thread. */
    static Result run(CdsEngine engine, Clock clock, Duration duration, int threads) {
        List<String[]> calls = new ArrayList<>();
        REQUESTS.forEach((service, file) -> calls.add(new String[] {service, read(file)}));
        CdsHooksHandler handler = CdsHooksHandler.builder(engine)
                .clock(clock)
                .concurrentEvaluations(threads)
                .build(); // no fetcher, no ledger, no reports, no metrics: nothing leaves the warm-up
        AtomicLong made = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long until = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ketamine-cds-warm-up");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    // Every sample at least once, then until the time is up.
                    for (int n = 0; n < calls.size() || System.nanoTime() < until; n++) {
                        String[] call = calls.get(n % calls.size());
                        int status = handler.invoke(call[0], call[1]).status();
                        if (status != 200) {
                            failed.incrementAndGet();
                            LOG.warn("Warm-up call to {} answered {}", call[0], status);
                        }
                        made.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            handler.close();
        }
        return new Result(made.get(), failed.get());
    }

    private static String read(String file) {
        try (InputStream in = WarmUp.class.getResourceAsStream("warm-up/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the service jar lacks its warm-up request " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
