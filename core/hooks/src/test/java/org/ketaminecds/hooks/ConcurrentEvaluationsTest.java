package org.ketaminecds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.spi.MedicationVocabulary;

/**
 * The handler reads and evaluates at most {@code concurrentEvaluations} records at once; the other calls wait their
 * turn and are all answered. Seen from inside the reading: a vocabulary that counts the callers it serves at once.
 */
class ConcurrentEvaluationsTest {
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:00:00Z");
    private static final CdsEngine ENGINE = CdsEngine.create();

    /**
     * The engine's vocabulary, counting how many calls use it at once. Each use waits (at most {@code patience}) until
     * {@code meet} calls are inside, so that calls that may overlap do overlap.
     */
    private static final class Counting implements MedicationVocabulary {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final int meet;
        final long patience;

        Counting(int meet, long patienceMillis) {
            this.meet = meet;
            this.patience = patienceMillis * 1_000_000L;
        }

        private <T> T counted(java.util.function.Supplier<T> call) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                long until = System.nanoTime() + patience;
                while (most.get() < meet && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                return call.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public boolean recognises(Medication medication) {
            return counted(() -> ENGINE.medications().recognises(medication));
        }

        @Override
        public Product ketamineProduct(Medication medication) {
            return counted(() -> ENGINE.medications().ketamineProduct(medication));
        }
    }

    private static int most(int limit, int meet, long patienceMillis, int calls) throws Exception {
        Counting vocabulary = new Counting(meet, patienceMillis);
        CdsHooksHandlerBuilder builder = CdsHooksHandler.builder(ENGINE)
                .clock(Clock.fixed(AS_OF.toInstant(), AS_OF.getOffset()))
                .reader(new FhirReader(vocabulary));
        CdsHooksHandler handler = builder.concurrentEvaluations(limit).build();
        String request = Files.readString(Path.of("../../examples/requests/encounter-start.json"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HookResponse>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(callers.submit(() -> handler.invoke("ketamine-session-day", request)));
            }
            for (Future<HookResponse> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
            handler.close();
        }
        return vocabulary.most.get();
    }

    @Test
    void atMostTheLimit_readAndEvaluateAtOnce_andEveryCallIsAnswered() throws Exception {
        // Each use waits for company: with room for one, a second never comes in (each wait ends after 20 ms); with
        // room for two or eight, they do (the first wait for them at most 5 s, however busy the machine).
        assertThat(most(1, 2, 20, 8)).as("one at a time").isEqualTo(1);
        assertThat(most(2, 3, 20, 8)).as("two at a time").isBetween(1, 2);
        assertThat(most(8, 3, 5_000, 32))
                .as("with room for eight, callers overlap: the count sees it")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aLimitBelowOne_isRefused() {
        assertThatThrownBy(() -> CdsHooksHandler.builder(ENGINE).concurrentEvaluations(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrentEvaluations");
    }
}
