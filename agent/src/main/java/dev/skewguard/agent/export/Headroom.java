package dev.skewguard.agent.export;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.Mode;

/**
 * What the collector's last Ack said of how far the job's rule is from firing (Ack.labels_to_spare): this agent may
 * have up to {@code labels} labels above {@code countedThrough} on their way, of the modes the rule has counted and
 * of class ids below {@code classesBelow}, and none of them can fire the rule. Anything beyond that might, so it goes
 * at the sender's ordinary pace ({@code send_interval}). Immutable; the transport's thread publishes a new one with
 * each Ack.
 */
final class Headroom {
    /** No Ack said anything (yet, or an older collector): the sender keeps its ordinary pace. */
    static final Headroom UNKNOWN = new Headroom(0, -1, 0, 0);

    private final long countedThrough;
    private final long labels;
    private final long classesBelow;
    /** Bit (1 << CaptureMode.ordinal()) per mode the rule has counted. */
    private final int modes;

    private Headroom(long countedThrough, long labels, long classesBelow, int modes) {
        this.countedThrough = countedThrough;
        this.labels = labels;
        this.classesBelow = classesBelow;
        this.modes = modes;
    }

    static Headroom of(Ack ack) {
        if (!ack.hasLabelsToSpare()) {
            return UNKNOWN;
        }
        int modes = 0;
        for (Mode mode : ack.getCountedModesList()) {
            switch (mode) {
                case MODE_TRAIN: modes |= 1 << CaptureMode.TRAIN.ordinal(); break;
                case MODE_EVAL: modes |= 1 << CaptureMode.EVAL.ordinal(); break;
                case MODE_PREDICT: modes |= 1 << CaptureMode.PREDICT.ordinal(); break;
                default: break; // the collector's global mode: the agent never sends batches without a mode
            }
        }
        return new Headroom(ack.getCountedThrough(), ack.getLabelsToSpare(), ack.getClassesBelow(), modes);
    }

    boolean known() {
        return labels >= 0;
    }

    long countedThrough() {
        return countedThrough;
    }

    /**
     * Whether batches above {@link #countedThrough} with these labels in all (the largest class id {@code maxLabel},
     * of the modes in {@code modeBits}) are all within the headroom: none of them could fire the rule.
     */
    boolean covers(long pendingLabels, long maxLabel, int modeBits) {
        return spareBeyond(pendingLabels, maxLabel, modeBits) >= 0;
    }

    /**
     * How many more labels the headroom spares beyond such batches (of its classes and modes), or -1 if they are not
     * all within it.
     */
    long spareBeyond(long pendingLabels, long maxLabel, int modeBits) {
        boolean within = known() && pendingLabels <= labels && maxLabel < classesBelow && (modeBits & ~modes) == 0;
        return within ? labels - pendingLabels : -1;
    }

    /** The class ids the headroom covers are those below this (at most {@link Integer#MAX_VALUE}). */
    int classesBelow() {
        return (int) Math.min(Integer.MAX_VALUE, classesBelow);
    }

    /** Bit (1 << CaptureMode.ordinal()) per mode the headroom covers. */
    int modes() {
        return modes;
    }
}
