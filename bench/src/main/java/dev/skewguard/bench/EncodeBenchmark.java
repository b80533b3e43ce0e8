package dev.skewguard.bench;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.export.BatchEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sender's cost per batch (not the training thread's): {@link BatchEncoder#encode} of one captured batch of
 * labels + predicted ids, 10 balanced classes, into the bytes of its protocol Batch. Run:
 * {@code java -jar bench/target/skewguard-benchmarks.jar EncodeBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {
    /** Labels per batch. */
    @Param({"32", "256", "4096"})
    public int batchSize;

    private BatchEncoder encoder;
    private CapturedBatch batch;
    private long sequence;

    @Setup
    public void setUp() {
        SyntheticBatch data = new SyntheticBatch(batchSize, 7);
        encoder = new BatchEncoder(false);
        batch = CapturedBatch.ofClasses("bench", CaptureMode.TRAIN, 12, data.labels, data.predicted);
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(batch, ++sequence, 0);
    }
}
