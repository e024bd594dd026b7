package org.ketaminecds.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;

/** 4 threads x 25,000 evaluations of mixed contexts on one engine give exactly the sequential results. */
class ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD =
            25_000; // a correctness check, not a load test: 4.5 min at 250,000 made it most of the build

    @Test
    void sharedEngine_fourThreads_matchTheSequentialResults() throws Exception {
        run(CdsEngine.create(), PER_THREAD);
    }

    @Test
    void pooledEngine_fourThreads_matchTheSequentialResults() throws Exception {
        run(CdsEngine.builder().sessionPool(2).build(), PER_THREAD / 5);
    }

    private static void run(CdsEngine engine, int perThread) throws Exception {
        List<SessionContext> contexts = new ArrayList<>();
        for (long seed = 0; seed < 64; seed++) {
            contexts.add(RandomContexts.of(seed));
        }
        List<Evaluation> expected = contexts.stream().map(engine::evaluate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 7;
                futures.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        int k = (i + offset) % contexts.size();
                        if (!engine.evaluate(contexts.get(k)).equals(expected.get(k))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
