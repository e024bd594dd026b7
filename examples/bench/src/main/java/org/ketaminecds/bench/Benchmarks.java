package org.ketaminecds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the in-process benchmarks in three passes (latency percentiles, throughput with allocation, two-thread
 * throughput) and writes {@code jmh.md} with each figure next to its goal. Run by {@code examples/bench/run.sh}.
 */
public final class Benchmarks {
    private static final String PREFIX = EvaluationBenchmark.class.getName() + ".";

    private Benchmarks() {}

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/target/benchmarks");
        Files.createDirectories(out);
        Map<String, double[]> latency = new LinkedHashMap<>();
        for (RunResult r : run(new OptionsBuilder()
                .include(PREFIX)
                .mode(Mode.SampleTime)
                .threads(1)
                .build())) {
            var stats = r.getPrimaryResult().getStatistics();
            latency.put(name(r), new double[] {stats.getPercentile(50), stats.getPercentile(99)});
        }
        Map<String, double[]> throughput = new LinkedHashMap<>();
        for (RunResult r : run(new OptionsBuilder()
                .include(PREFIX)
                .mode(Mode.Throughput)
                .timeUnit(java.util.concurrent.TimeUnit.SECONDS)
                .threads(1)
                .addProfiler("gc")
                .build())) {
            Result alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            throughput.put(
                    name(r),
                    new double[] {r.getPrimaryResult().getScore(), alloc == null ? Double.NaN : alloc.getScore()});
        }
        Map<String, Double> twoThreads = new LinkedHashMap<>();
        for (RunResult r : run(new OptionsBuilder()
                .include(PREFIX + "(fullTypical|pooledTypical)$")
                .mode(Mode.Throughput)
                .timeUnit(java.util.concurrent.TimeUnit.SECONDS)
                .threads(2)
                .build())) {
            twoThreads.put(name(r), r.getPrimaryResult().getScore());
        }

        StringBuilder md = new StringBuilder();
        md.append("| Benchmark | p50 µs | p99 µs | ops/s (1 thread) | alloc B/op | ops/s (2 threads) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String b : latency.keySet()) {
            double[] l = latency.get(b);
            double[] t = throughput.getOrDefault(b, new double[] {Double.NaN, Double.NaN});
            Double two = twoThreads.get(b);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %,.0f | %,.0f | %s |%n",
                    b,
                    l[0],
                    l[1],
                    t[0],
                    t[1],
                    two == null ? "" : String.format(Locale.ROOT, "%,.0f (%.2fx)", two, two / t[0])));
        }
        double[] typical = latency.get("fullTypical");
        double drools = latency.get("medicationDroolsTypical")[0];
        double plain = latency.get("medicationPlainJavaTypical")[0];
        double json = latency.get("jsonInCardsOutTypical")[0];
        double scale = twoThreads.get("fullTypical") / throughput.get("fullTypical")[0];
        md.append("\n| Goal | Target | Measured | Met |\n|---|---|---|---|\n");
        double vocabulary = latency.get("medicationVocabularyTypical")[0];
        goal(md, "typical context p50 (default engine)", "<= 40 µs", typical[0], typical[0] <= 40, "%.1f µs");
        goal(md, "typical context p99 (default engine)", "<= 150 µs", typical[1], typical[1] <= 150, "%.1f µs");
        double[] pooled = latency.get("pooledTypical");
        goal(md, "typical context p50 (session pool)", "<= 40 µs", pooled[0], pooled[0] <= 40, "%.1f µs");
        goal(md, "typical context p99 (session pool)", "<= 150 µs", pooled[1], pooled[1] <= 150, "%.1f µs");
        goal(md, "medication checks, Drools / plain Java (p50)", "<= 8x", drools / plain, drools / plain <= 8, "%.1fx");
        // Both sides pay the vocabulary (the typical list's exposures); the ratio without it compares the rules alone.
        double rulesOnly = (drools - vocabulary) / Math.max(plain - vocabulary, 0.1);
        goal(md, "the same without the vocabulary both pay (p50)", "<= 8x", rulesOnly, rulesOnly <= 8, "%.1fx");
        goal(md, "JSON in, cards JSON out, typical (p50)", "<= 100 µs", json, json <= 100, "%.1f µs");
        goal(md, "throughput, 2 threads / 1 thread", ">= 1.8x", scale, scale >= 1.8, "%.2fx");
        Files.writeString(out.resolve("jmh.md"), md.toString());
        System.out.println(md);
    }

    private static void goal(StringBuilder md, String what, String target, double value, boolean met, String format) {
        md.append("| ")
                .append(what)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, value))
                .append(" | ")
                .append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private static Collection<RunResult> run(Options options) throws RunnerException {
        return new Runner(options).run();
    }

    private static String name(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }
}
