package dev.skewguard.bench;

import java.time.Instant;

/**
 * The child JVM of {@link TimeToFirstAckBench}: a program whose first act is one captured batch (the agent's
 * {@code methods} option names {@link #observe}), as a training job's first batch right after its framework loaded.
 * It prints the wall-clock instant just before the capture, then stays alive (at most the milliseconds given as its
 * argument) so that the agent can deliver the batch; the harness ends it.
 */
public final class FirstBatchApp {
    static final String METHODS = FirstBatchApp.class.getName() + "#observe:labels=arg0,predictions=arg1";

    private FirstBatchApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int[] labels = new int[32];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        observe(labels, labels.clone());
        System.out.println("captured-at-micros " + micros);
        System.out.flush();
        Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) : 10_000);
    }

    /** The captured method: labels and predicted class ids of one batch. */
    static int observe(int[] labels, int[] predicted) {
        return labels.length + predicted.length;
    }
}
