package dev.skewguard.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.skewguard.agent.capture.RowArgmax;
import dev.skewguard.agent.instrumentation.djl.DjlState;
import dev.skewguard.agent.instrumentation.djl.HostCopy;
import java.lang.ref.WeakReference;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What reading one DJL batch (float class ids (B), scores (B, C)) costs the training thread, on the real PyTorch
 * engine on the CPU. Each invocation reads arrays that are new to DJL, as a model's outputs are (duplicated before
 * it, outside the measured time), so nothing their Java objects cache (shape, data type, device) is known yet:
 * <ul>
 *   <li>{@code before}: the read before issue 27 (the predictions' shape, a WeakReference under a global lock to
 *       tell a batch seen twice, device, data type, both copies, the labels' ids);</li>
 *   <li>{@code copy}: the agent's read ({@link HostCopy}: both copies, no shape once the loss's layout is known,
 *       the per-thread first-sighting check), the labels' ids; the scores' argmax is left to the sender thread;</li>
 *   <li>{@code copyThenArgmax}: {@code copy} plus that argmax in Java ({@link RowArgmax}), all the CPU the agent
 *       spends on the batch's ids, on whichever thread;</li>
 *   <li>{@code engineArgmax}: the labels' copy plus an argmax over the scores on the engine and a copy of its B
 *       longs (the alternative the issue names: B ids cross instead of B x C floats).</li>
 * </ul>
 * Needs DJL's PyTorch engine and natives on the class path and {@code DJL_OFFLINE=true}: bench/run.sh runs it with
 * the DJL example's class path. Alone: {@code DJL_OFFLINE=true java -cp
 * bench/target/skewguard-benchmarks.jar:$(cat examples/djl/target/classpath.txt) org.openjdk.jmh.Main
 * DjlReadBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DjlReadBenchmark {
    /** Rows per batch. */
    @Param({"32", "256"})
    public int batchSize;

    /** Scores per row. */
    @Param({"4", "100"})
    public int classes;

    private final Object[] beforeRecent = new Object[16];
    private int beforeNext;

    private NDManager manager;
    private NDArray labelSource;
    private NDArray scoreSource;
    private NDArray label;
    private NDArray prediction;
    private Loss loss;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        loss = Loss.softmaxCrossEntropyLoss();
        SplittableRandom random = new SplittableRandom(27);
        float[] ids = new float[batchSize];
        float[] scores = new float[batchSize * classes];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(classes);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextGaussian();
        }
        labelSource = manager.create(ids);
        scoreSource = manager.create(scores, new Shape(batchSize, classes));
    }

    /** A new batch: arrays DJL has not described yet, as a model's predictions and a batch's labels are. */
    @Setup(Level.Invocation)
    public void newBatch() {
        label = labelSource.duplicate();
        prediction = scoreSource.duplicate();
    }

    @TearDown(Level.Invocation)
    public void closeBatch() {
        label.close();
        prediction.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public void before(Blackhole sink) {
        Shape scoresShape = prediction.getShape();
        if (scoresShape.dimension() != 2 || !beforeFirstSighting(label)) {
            throw new IllegalStateException("not a classifier's batch: " + scoresShape);
        }
        long rows = scoresShape.get(0);
        int numClasses = (int) scoresShape.get(1);
        boolean onCpu = !prediction.getDevice().isGpu();
        if (!onCpu || label.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("float labels on the CPU expected");
        }
        sink.consume(LabelIds.of(label.toFloatArray(), rows, numClasses));
        NDArray floats = prediction.toType(DataType.FLOAT32, false);
        sink.consume(floats.toFloatArray());
        if (floats != prediction) {
            floats.close();
        }
    }

    @Benchmark
    public void copy(Blackhole sink) {
        HostCopy read = read();
        sink.consume(read.labelIds());
        sink.consume(read.scores());
    }

    @Benchmark
    public void copyThenArgmax(Blackhole sink) {
        HostCopy read = read();
        sink.consume(read.labelIds());
        sink.consume(RowArgmax.of(read.scores(), read.classes()));
    }

    @Benchmark
    public void engineArgmax(Blackhole sink) {
        if (!DjlState.firstSighting(label)) {
            throw new IllegalStateException("a batch seen twice");
        }
        float[] labelValues = label.toFloatArray();
        sink.consume(LabelIds.of(labelValues, labelValues.length, classes));
        try (NDArray ids = prediction.argMax(-1)) {
            long[] longs = ids.toLongArray();
            int[] predicted = new int[longs.length];
            for (int i = 0; i < longs.length; i++) {
                predicted[i] = (int) longs[i];
            }
            sink.consume(predicted);
        }
    }

    private HostCopy read() {
        if (!DjlState.firstSighting(label)) {
            throw new IllegalStateException("a batch seen twice");
        }
        HostCopy read = HostCopy.of(label, prediction, loss);
        if (read == null || read.classes() != classes) {
            throw new IllegalStateException("not read as (" + batchSize + ", " + classes + ")");
        }
        return read;
    }

    /** The first-sighting check before issue 27: a WeakReference per batch, under a global lock. */
    private boolean beforeFirstSighting(Object labels) {
        synchronized (beforeRecent) {
            for (Object ref : beforeRecent) {
                if (ref != null && ((WeakReference<?>) ref).get() == labels) {
                    return false;
                }
            }
            beforeRecent[beforeNext] = new WeakReference<>(labels);
            beforeNext = (beforeNext + 1) % beforeRecent.length;
            return true;
        }
    }

    /** The labels' class ids as both reads take them: as many values as rows are ids. */
    private static final class LabelIds {
        static int[] of(float[] values, long rows, int classes) {
            if (values.length != rows) {
                return RowArgmax.of(values, classes);
            }
            int[] ids = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ids[i] = (int) values[i];
            }
            return ids;
        }
    }
}
