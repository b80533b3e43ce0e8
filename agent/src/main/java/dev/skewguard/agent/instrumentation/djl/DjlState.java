package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.TrainingWatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the DJL advice needs to remember between calls (advice itself holds no state). Names no DJL type, so it
 * lives in the agent's own class loader and every DJL class loader shares it.
 *
 * <ul>
 *   <li>the step sent with each batch: how many times {@code Trainer#step} returned, plus how many gradient
 *       collectors closed that no Trainer opened (a loop without a Trainer: {@code block.forward} with a
 *       {@code ParameterStore}, {@code engine.newGradientCollector()}); a loop uses one or the other, so its steps
 *       count up from 0 either way;</li>
 *   <li>whether an {@code EasyTrain} batch is running: then the listener path captures it and {@code Loss#evaluate}
 *       (called up to three times per batch from inside EasyTrain) stays out;</li>
 *   <li>whether this thread is inside a {@code GradientCollector}: a hand-written loop's {@code Loss#evaluate} is a
 *       training batch there, and an evaluation batch outside;</li>
 *   <li>which label arrays this thread captured since the latest gradient collector opened (on any thread), so that
 *       a batch whose loss is evaluated several times (backward, a running loss before or after the step) or that
 *       both the listener and {@code Loss#evaluate} see is captured once, while the same label array trained again
 *       (full-batch training) is captured again at each training step.</li>
 * </ul>
 */
public final class DjlState {
    private static final AtomicLong TRAINER_STEPS = new AtomicLong();
    private static final AtomicLong BARE_COLLECTORS_CLOSED = new AtomicLong();
    private static final AtomicLong COLLECTORS_OPENED = new AtomicLong();
    private static final AtomicInteger EASY_TRAIN_BATCHES = new AtomicInteger();
    private static final ThreadLocal<OpenCollectors> COLLECTORS = ThreadLocal.withInitial(OpenCollectors::new);
    private static final ThreadLocal<Sightings> SIGHTINGS = ThreadLocal.withInitial(Sightings::new);

    private DjlState() {
    }

    /** This thread's open gradient collectors: how many, and which of them no Trainer opened (one bit each). */
    private static final class OpenCollectors {
        /** Deeper collectors than this share the deepest bit; DJL's engines allow one collector at a time. */
        static final int MAX_TRACKED = 63;
        int depth;
        long bare;
        boolean trainerOpening;
    }

    /**
     * The label arrays this thread captured since the latest gradient collector opened: no lock and no allocation
     * per batch. It holds (strongly) at most {@value #RECENT} arrays of the current generation, the arrays of one
     * batch's device splits; they are dropped when the thread sees its next batch of a newer generation. A batch's
     * loss evaluations and listener notification run on one thread (EasyTrain's split evaluations on a pool are
     * kept out by {@link #outsideEasyTrain}), so per-thread is enough.
     */
    private static final class Sightings {
        static final int RECENT = 16;
        final Object[] labels = new Object[RECENT];
        long generation = -1;
        int count;
    }

    public static void stepped() {
        TRAINER_STEPS.incrementAndGet();
        TrainingWatch.stepped(DjlCapture.FRAMEWORK);
    }

    /** The step sent with a batch: Trainer steps plus gradient collectors closed that no Trainer opened. */
    public static long step() {
        return TRAINER_STEPS.get() + BARE_COLLECTORS_CLOSED.get();
    }

    public static void easyTrainBatchStarted() {
        EASY_TRAIN_BATCHES.incrementAndGet();
    }

    public static void easyTrainBatchEnded() {
        EASY_TRAIN_BATCHES.decrementAndGet();
    }

    /** True unless an EasyTrain batch is running (on any thread: EasyTrain may evaluate splits on a pool). */
    public static boolean outsideEasyTrain() {
        return EASY_TRAIN_BATCHES.get() <= 0;
    }

    /** {@code Trainer#newGradientCollector} starts (true) or returns (false) on this thread. */
    public static void trainerOpensCollector(boolean opening) {
        COLLECTORS.get().trainerOpening = opening;
    }

    public static void gradientCollectorOpened() {
        COLLECTORS_OPENED.incrementAndGet();
        OpenCollectors c = COLLECTORS.get();
        int bit = Math.min(c.depth, OpenCollectors.MAX_TRACKED);
        if (c.trainerOpening) {
            c.bare &= ~(1L << bit);
        } else {
            c.bare |= 1L << bit;
        }
        c.depth++;
    }

    public static void gradientCollectorClosed() {
        OpenCollectors c = COLLECTORS.get();
        if (c.depth <= 0) {
            return;
        }
        c.depth--;
        if ((c.bare & (1L << Math.min(c.depth, OpenCollectors.MAX_TRACKED))) != 0) {
            BARE_COLLECTORS_CLOSED.incrementAndGet();
            TrainingWatch.stepped(DjlCapture.FRAMEWORK);
        }
    }

    public static boolean insideGradientCollector() {
        return COLLECTORS.get().depth > 0;
    }

    /**
     * True the first time these labels (by identity) are seen on this thread since the latest gradient collector
     * opened (on any thread); false when they were already captured, e.g. by the second and third
     * {@code Loss#evaluate} of the same batch, before or after {@code Trainer#step}, or by the listener and then
     * {@code Loss#evaluate}.
     */
    public static boolean firstSighting(Object labels) {
        long generation = COLLECTORS_OPENED.get();
        Sightings seen = SIGHTINGS.get();
        Object[] recent = seen.labels;
        if (seen.generation != generation) {
            for (int i = 0; i < seen.count; i++) {
                recent[i] = null;
            }
            seen.generation = generation;
            seen.count = 0;
        } else {
            for (int i = 0; i < seen.count; i++) {
                if (recent[i] == labels) {
                    return false;
                }
            }
        }
        if (seen.count == Sightings.RECENT) {
            System.arraycopy(recent, 1, recent, 0, Sightings.RECENT - 1);
            seen.count--;
        }
        recent[seen.count++] = labels;
        return true;
    }
}
