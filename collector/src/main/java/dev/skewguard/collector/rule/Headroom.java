package dev.skewguard.collector.rule;

import java.util.Set;

/**
 * How far the rule is from firing: a lower bound on the labels that can still be counted, in any of the modes it
 * has counted and of the classes it already knows, before either check could fire. A sender may use it to send
 * less often while a job is far from a verdict; it changes nothing the rule counts.
 *
 * @param labels labels that can be counted, however they fall on those modes and classes, without the rule firing
 *     (0: the next label might fire it); {@link #UNLIMITED} once the rule has fired (it fires once)
 * @param classesBelow the bound holds only for class ids below this: every id under it takes part in each counted
 *     mode's checks already, so a label of another class could fire the rule at once (a new smallest class)
 * @param modes the modes counted so far: a label of another mode starts a new state, which only its samples gate
 *     holds back
 */
public record Headroom(long labels, long classesBelow, Set<Mode> modes) {
    /** What {@link #labels} says once the rule cannot fire any more. */
    public static final long UNLIMITED = Long.MAX_VALUE / 4;

    public Headroom {
        modes = Set.copyOf(modes);
    }

    /** The share of {@code parts} senders that send at the same time: each may send this much. */
    public Headroom shareOf(int parts) {
        return parts <= 1 || labels == UNLIMITED ? this : new Headroom(labels / parts, classesBelow, modes);
    }
}
