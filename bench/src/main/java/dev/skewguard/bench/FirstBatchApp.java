package dev.skewguard.bench;

/**
 * The child JVM of {@link TimeToFirstAckBench}: a program that captures one batch (the agent's {@code methods}
 * option names {@link #observe}) a given number of milliseconds after its class loaded (0: at once; a framework
 * takes a while to start before its first batch), then stays alive (at most the milliseconds given as its second
 * argument) so that the agent can deliver it; the harness ends it. Arguments: [delay ms (0)] [stay ms (10000)].
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
        Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) : 0);
        observe(labels, labels.clone());
        Thread.sleep(args.length > 1 ? Long.parseLong(args[1]) : 10_000);
    }

    /** The captured method: labels and predicted class ids of one batch. */
    static int observe(int[] labels, int[] predicted) {
        return labels.length + predicted.length;
    }
}
