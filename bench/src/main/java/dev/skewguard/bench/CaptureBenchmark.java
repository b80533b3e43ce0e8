package dev.skewguard.bench;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path: what one captured batch costs the training thread. {@code record} is what advice does per batch
 * (copy the arrays it hands over, then {@link Capture#record} or {@link Capture#recordScores}: checks, wrap,
 * offer to the bounded queue, wake the sender); {@code copyOnly} is the bare copy (the array clones) alone, so
 * {@code record - copyOnly} is the agent's own cost beyond the copy. Scores are per batch.
 *
 * <p>The queue is the agent's real {@link BatchQueue} (capacity 1024). Each invocation records
 * {@value #BATCHES_PER_INVOCATION} batches; before each invocation (outside the measured time) the queue is emptied,
 * as the sender empties it, so it never fills and no offer takes the cheaper drop path: the tear-down fails the
 * trial if a single batch was dropped. Every offer wakes a stand-in sender thread that parks again at once, as the
 * real offer wakes the real sender. Run: {@code java -jar bench/target/skewguard-benchmarks.jar CaptureBenchmark
 * -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CaptureBenchmark {
    static final int CLASSES = 10;
    static final int BATCHES_PER_INVOCATION = 256;

    /** Labels per batch. */
    @Param({"32", "256", "4096"})
    public int batchSize;

    /** indices: labels + predicted class ids (Capture.record); scores: labels + N x 10 floats (recordScores). */
    @Param({"indices", "scores"})
    public String predictions;

    private boolean sendScores;
    private int[] labels;
    private int[] predicted;
    private float[] scores;
    private BatchQueue queue;
    private Thread sender;
    private volatile boolean running;

    @Setup(Level.Trial)
    public void setUp() {
        sendScores = "scores".equals(predictions);
        SplittableRandom random = new SplittableRandom(7);
        labels = new int[batchSize];
        predicted = new int[batchSize];
        scores = new float[batchSize * CLASSES];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(CLASSES);
            predicted[i] = random.nextInt(CLASSES);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextDouble();
        }
        queue = new BatchQueue(1024, false, () -> { });
        running = true;
        sender = new Thread(() -> {
            while (running) {
                LockSupport.park(this);
            }
        }, "bench-sender-stand-in");
        sender.setDaemon(true);
        sender.start();
        Thread target = sender;
        queue.setWakeUp(() -> LockSupport.unpark(target));
        Capture.install(queue, sendScores);
    }

    /** Takes every batch, as the sender does; not measured. */
    @Setup(Level.Invocation)
    public void drain() {
        while (queue.poll() != null) {
            // taken
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        LockSupport.unpark(sender);
        sender.join(5_000);
        long dropped = queue.droppedTotal();
        if (dropped > 0) {
            throw new IllegalStateException("the capture queue filled during the benchmark: " + dropped
                    + " of " + queue.offeredTotal() + " batches dropped; the figure would be wrong");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES_PER_INVOCATION)
    public void copyOnly(Blackhole bh) {
        for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
            bh.consume(labels.clone());
            if (sendScores) {
                bh.consume(scores.clone());
            } else {
                bh.consume(predicted.clone());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES_PER_INVOCATION)
    public void record() {
        for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
            if (sendScores) {
                Capture.recordScores("bench", CaptureMode.TRAIN, i, labels.clone(), scores.clone(), CLASSES);
            } else {
                Capture.record("bench", CaptureMode.TRAIN, i, labels.clone(), predicted.clone());
            }
        }
    }
}
