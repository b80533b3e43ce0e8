package dev.skewguard.bench;

import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule's cost per label, on records as the collector server sees them: one batch of 256 labels and 256
 * predictions per record, 10 classes. Scores are labels per second (ops/s with 256 operations per invocation).
 *
 * <p>The data never triggers (balanced classes, 90% right), so both checks run after every record, as they do
 * for a healthy job: the worst case. Run: {@code java -jar bench/target/skewguard-benchmarks.jar
 * ClassImbalanceRuleBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassImbalanceRuleBenchmark {
    static final int BATCH = 256;
    static final int CLASSES = 10;
    /** Distinct records cycled through, so that branch predictors do not learn one batch. */
    static final int RECORDS = 64;

    /** 0: cumulative misprediction check; > 0: the window extension. */
    @Param({"0"})
    int window;

    private ClassImbalanceRule rule;
    private Record[] uint8Records;
    private Record[] scoreRecords;
    private int next;

    @Setup
    public void setUp() {
        RuleParameters parameters = RuleParameters.builder().window(window).argmax(true).build();
        rule = new ClassImbalanceRule(parameters);
        SplittableRandom random = new SplittableRandom(42);
        uint8Records = new Record[RECORDS];
        scoreRecords = new Record[RECORDS];
        for (int r = 0; r < RECORDS; r++) {
            ByteBuffer labels = ByteBuffer.allocate(BATCH);
            ByteBuffer predictions = ByteBuffer.allocate(BATCH);
            ByteBuffer scores = ByteBuffer.allocate(BATCH * CLASSES * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < BATCH; i++) {
                int label = random.nextInt(CLASSES);
                int predicted = random.nextInt(10) == 0 ? random.nextInt(CLASSES) : label;
                labels.put(i, (byte) label);
                predictions.put(i, (byte) predicted);
                for (int c = 0; c < CLASSES; c++) {
                    scores.putFloat((i * CLASSES + c) * Float.BYTES, c == predicted ? 0.6f : 0.4f / CLASSES);
                }
            }
            // read-only views, as the server wraps a protobuf ByteString (asReadOnlyByteBuffer)
            Tensor labelTensor = Tensor.of("djl/train/labels", new long[] {BATCH}, DType.UINT8,
                    labels.asReadOnlyBuffer());
            uint8Records[r] = new Record(r, Mode.TRAIN, "worker-0", List.of(labelTensor,
                    Tensor.of("djl/train/predictions", new long[] {BATCH}, DType.UINT8,
                            predictions.asReadOnlyBuffer())));
            scoreRecords[r] = new Record(r, Mode.TRAIN, "worker-0", List.of(labelTensor,
                    Tensor.of("djl/train/predictions", new long[] {BATCH, CLASSES}, DType.FLOAT32,
                            scores.asReadOnlyBuffer())));
        }
    }

    /** UINT8 class ids for labels and predictions: the agents' wire format for up to 256 classes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Optional<?> uint8ClassIds() {
        Record record = uint8Records[next];
        next = (next + 1) & (RECORDS - 1);
        return rule.accept(record);
    }

    /** UINT8 labels with FLOAT32 score vectors [256, 10] and argmax=true (scores sent instead of class ids). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Optional<?> float32ScoresArgmax() {
        Record record = scoreRecords[next];
        next = (next + 1) & (RECORDS - 1);
        return rule.accept(record);
    }
}
