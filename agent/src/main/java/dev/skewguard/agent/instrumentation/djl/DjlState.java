package dev.skewguard.agent.instrumentation.djl;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the DJL advice needs to remember between calls (advice itself holds no state). Names no DJL type, so it
 * lives in the agent's own class loader and every DJL class loader shares it.
 *
 * <ul>
 *   <li>the step: how many times {@code Trainer#step} returned (the step number sent with each batch);</li>
 *   <li>whether an {@code EasyTrain} batch is running: then the listener path captures it and {@code Loss#evaluate}
 *       (called up to three times per batch from inside EasyTrain) stays out;</li>
 *   <li>whether this thread is inside a {@code GradientCollector}: a hand-written loop's {@code Loss#evaluate} is a
 *       training batch there, and an evaluation batch outside;</li>
 *   <li>which label arrays were captured at this step, so a batch whose loss is evaluated several times is
 *       counted once.</li>
 * </ul>
 */
public final class DjlState {
    private static final AtomicLong STEPS = new AtomicLong();
    private static final AtomicInteger EASY_TRAIN_BATCHES = new AtomicInteger();
    private static final ThreadLocal<int[]> GRADIENT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private static final int RECENT = 16;
    private static final Object[] RECENT_LABELS = new Object[RECENT]; // WeakReference<Object>
    private static final long[] RECENT_STEPS = new long[RECENT];
    private static int next;

    private DjlState() {
    }

    public static void stepped() {
        STEPS.incrementAndGet();
    }

    public static long step() {
        return STEPS.get();
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

    public static void gradientCollectorOpened() {
        GRADIENT_DEPTH.get()[0]++;
    }

    public static void gradientCollectorClosed() {
        int[] depth = GRADIENT_DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    public static boolean insideGradientCollector() {
        return GRADIENT_DEPTH.get()[0] > 0;
    }

    /**
     * True the first time these labels (by identity) are seen at the current step; false when they were already
     * captured, e.g. by the second and third {@code Loss#evaluate} of the same batch.
     */
    public static boolean firstSighting(Object labels) {
        long step = STEPS.get();
        synchronized (RECENT_LABELS) {
            for (int i = 0; i < RECENT; i++) {
                Object ref = RECENT_LABELS[i];
                if (ref != null && ((WeakReference<?>) ref).get() == labels && RECENT_STEPS[i] == step) {
                    return false;
                }
            }
            RECENT_LABELS[next] = new WeakReference<>(labels);
            RECENT_STEPS[next] = step;
            next = (next + 1) % RECENT;
            return true;
        }
    }
}
