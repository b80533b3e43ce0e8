package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.HeldCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Session runs that ran before the collector answered. Which tensors the job's rule reads is said in the
 * collector's Welcome (its labels_regex and predictions_regex, see {@link TfTensorNames}); until it arrives, each run
 * copies every fed and fetched tensor that could be labels or predictions (a number type, [N] or [N, C]) and is held
 * here, so that counts are exact from the first run whatever names the collector announces. When the collector
 * answers, the held runs are selected by its regexes and recorded, in the order they ran, with the step and mode they
 * ran with. Bounded: at most {@link #MAX_BYTES} of tensors for at most {@link #MAX_HOLD_NANOS} from the first held
 * run; past either bound (a collector that does not answer) the held runs and every later one are selected by the
 * names known then (the agent's options or defaults), and the runs so released are counted
 * ({@link #releasedUnanswered}): if the collector later announces other regexes, they are reported as dropped.
 */
public final class TfHeldRuns implements HeldCaptures.Hold {
    static final long MAX_BYTES = 16L << 20;
    static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(20);

    static final TfHeldRuns INSTANCE = new TfHeldRuns();

    private record Held(TfRun run, CaptureMode mode, long step) {
    }

    private final List<Held> runs = new ArrayList<>();
    private volatile boolean open = true;
    private long bytes;
    private long firstNanos;
    private long releasedUnanswered;
    private String whyUnanswered;

    private TfHeldRuns() {
    }

    /** Whether runs are held now: the collector has not answered and the hold's bounds were not passed. */
    public static boolean holding() {
        return INSTANCE.open && !HeldCaptures.answered();
    }

    /** Whether a tensor of this TensorFlow dtype number and shape could be labels or predictions. */
    public static boolean worthHolding(int dtype, long[] shape) {
        if (TfTensorValues.elementSize(dtype) == 0 || shape.length == 0 || shape.length > 2) {
            return false;
        }
        long count = shape.length == 1 ? shape[0] : shape[0] * shape[1];
        return count >= 0 && count * TfTensorValues.elementSize(dtype) <= TfRun.MAX_TENSOR_BYTES;
    }

    /**
     * Holds one run's copied tensors; false if the hold is over (the collector answered, or a bound was just
     * passed: then what was held is recorded now), and the caller records the run itself.
     */
    boolean hold(TfRun run, CaptureMode mode, long step) {
        List<Held> overflow;
        synchronized (this) {
            if (!open || HeldCaptures.answered()) {
                return false;
            }
            long now = System.nanoTime();
            if (runs.isEmpty()) {
                firstNanos = now;
            }
            boolean withinBytes = bytes + run.bytes() <= MAX_BYTES;
            if (withinBytes && now - firstNanos < MAX_HOLD_NANOS) {
                runs.add(new Held(run, mode, step));
                bytes += run.bytes();
                return true;
            }
            whyUnanswered = "the collector had not answered after " + (withinBytes
                    ? TimeUnit.NANOSECONDS.toSeconds(MAX_HOLD_NANOS) + " s" : (MAX_BYTES >> 20) + " MiB of tensors");
            overflow = closeAndTake();
        }
        recordAll(overflow);
        return false;
    }

    @Override
    public void release() {
        List<Held> all;
        synchronized (this) {
            if (!HeldCaptures.answered() && whyUnanswered == null && !runs.isEmpty()) {
                whyUnanswered = "the collector had not answered when the JVM exited";
            }
            all = closeAndTake();
        }
        recordAll(all);
    }

    @Override
    public boolean holdsAnything() {
        synchronized (this) {
            return !runs.isEmpty();
        }
    }

    /** Runs released before the collector answered, selected by the agent's own names; 0 once taken. */
    synchronized long takeReleasedUnanswered() {
        long n = releasedUnanswered;
        releasedUnanswered = 0;
        return n;
    }

    /** Why runs were released before the collector answered, or null if none were. */
    synchronized String whyUnanswered() {
        return whyUnanswered;
    }

    private List<Held> closeAndTake() {
        open = false;
        List<Held> all = new ArrayList<>(runs);
        if (!HeldCaptures.answered()) {
            releasedUnanswered += all.size();
        }
        runs.clear();
        bytes = 0;
        return all;
    }

    /** Records the runs with the names known now, in the order they ran. */
    private static void recordAll(List<Held> held) {
        for (Held h : held) {
            TfRuns.recordHeld(h.run(), h.mode(), h.step());
        }
    }
}
