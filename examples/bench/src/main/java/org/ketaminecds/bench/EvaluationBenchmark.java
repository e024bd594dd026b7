package org.ketaminecds.bench;

import java.util.concurrent.TimeUnit;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.policy.SitePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process evaluation benchmarks. Run them with {@code examples/bench/run.sh} (see the README's Performance
 * section), which sets the modes, threads and profilers and writes the results next to their goals.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
public class EvaluationBenchmark {
    CdsEngine engine;
    CdsEngine statelessEngine;
    CdsEngine pooledEngine;
    CdsEngine medicationEngine;
    PlainJavaInteractions plain;
    DrugTable table;
    DrugTable tableWithoutCache;
    SessionContext minimal;
    SessionContext typical;
    SessionContext heavy;
    SessionContext notKetamine;
    String typicalJson;

    @Setup
    public void setUp() {
        engine = CdsEngine.create();
        statelessEngine = CdsEngine.builder().sessionPool(0).build();
        pooledEngine = CdsEngine.builder().sessionPool(4).build();
        medicationEngine =
                CdsEngine.builder().knowledgeBase("ketamineCdsMedication").build();
        table = DrugTable.bundled();
        tableWithoutCache = table.withoutRecognitionCache();
        plain = new PlainJavaInteractions(table, SitePolicy.defaults());
        minimal = Contexts.minimal();
        typical = Contexts.typical();
        heavy = Contexts.heavy();
        notKetamine = Contexts.notKetamine();
        typicalJson = CdsJson.writeContext(typical);
    }

    @Benchmark
    public Evaluation fullMinimal() {
        return engine.evaluate(minimal);
    }

    @Benchmark
    public Evaluation fullTypical() {
        return engine.evaluate(typical);
    }

    @Benchmark
    public Evaluation fullHeavy() {
        return engine.evaluate(heavy);
    }

    /**
     * A typical record that is not about ketamine (most calls of an order hook): answered with silence once the topic
     * rules, evaluated first and alone, find nothing.
     */
    @Benchmark
    public Evaluation notKetamineTypical() {
        return engine.evaluate(notKetamine);
    }

    /** The engine without a session pool: a new stateless session per evaluation (the default before issue 24). */
    @Benchmark
    public Evaluation statelessTypical() {
        return statelessEngine.evaluate(typical);
    }

    /** The same with a pool of reused stateful sessions ({@code CdsEngine.Builder.sessionPool}). */
    @Benchmark
    public Evaluation pooledTypical() {
        return pooledEngine.evaluate(typical);
    }

    /** The medication topic alone in Drools, on the typical context: compared with the plain-Java baseline. */
    @Benchmark
    public Evaluation medicationDroolsTypical() {
        return medicationEngine.evaluate(typical);
    }

    @Benchmark
    public PlainJavaInteractions.Result medicationPlainJavaTypical() {
        return plain.evaluate(typical);
    }

    /**
     * The medication vocabulary alone: the typical list's exposures as an evaluation gets them (names recognised once,
     * then remembered). Part of both medication figures above.
     */
    @Benchmark
    public Object medicationVocabularyTypical() {
        return table.exposures(typical.medications(), typical.asOfDate());
    }

    /** The same with every name matched again: the phrase matching on its own, as for a name never seen before. */
    @Benchmark
    public Object medicationVocabularyUncachedTypical() {
        return tableWithoutCache.exposures(typical.medications(), typical.asOfDate());
    }

    /** JSON in, cards JSON out: what a host without its own model pays. */
    @Benchmark
    public String jsonInCardsOutTypical() {
        return CdsJson.writeResponse(engine.evaluate(CdsJson.readContext(typicalJson)));
    }
}
