package org.ketaminecds.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.hooks.HookListener;

/** Records requests, latency, cards by indicator, evaluations and failed fetches in a Micrometer registry. */
public final class MicrometerListener implements HookListener {
    private final MeterRegistry registry;

    /** @param registry where the meters go */
    public MicrometerListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void responded(String serviceId, int status, long nanos) {
        Timer.builder("ketamine_cds_requests")
                .description("CDS Hooks service calls, by service and status")
                .tag("service", serviceId)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void evaluated(String serviceId, Evaluation evaluation, long nanos) {
        Timer.builder("ketamine_cds_evaluation")
                .description("Reading and evaluating one call")
                .tag("service", serviceId)
                .tag("status", evaluation.status().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        for (Card card : evaluation.cards()) {
            Counter.builder("ketamine_cds_cards")
                    .description("Cards shown, by service and indicator")
                    .tag("service", serviceId)
                    .tag("indicator", card.indicator().code())
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void fetchFailed(String serviceId, String prefetchKey, String reason) {
        Counter.builder("ketamine_cds_fetch_failures")
                .description("Prefetch keys that could not be fetched")
                .tag("service", serviceId)
                .tag("key", prefetchKey)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
