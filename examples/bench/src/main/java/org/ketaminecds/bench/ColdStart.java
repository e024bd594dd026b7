package org.ketaminecds.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;

/**
 * One cold start: JVM start to the first evaluation's result, and the heap in use after garbage collection with the
 * engine loaded. Prints one line {@code firstResultMs=... heapMiB=...}; {@code examples/bench/run.sh} runs it in
 * several fresh JVMs and takes the medians.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws InterruptedException {
        CdsEngine engine = CdsEngine.create();
        Evaluation first = engine.evaluate(Contexts.typical());
        long elapsed = Instant.now().toEpochMilli()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        double heapMiB = (rt.totalMemory() - rt.freeMemory()) / 1024.0 / 1024.0;
        System.out.printf(
                java.util.Locale.ROOT,
                "firstResultMs=%d heapMiB=%.1f cards=%d engine=%s%n",
                elapsed,
                heapMiB,
                first.cards().size(),
                engine.ruleSetVersion());
    }
}
