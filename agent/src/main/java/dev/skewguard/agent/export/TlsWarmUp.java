package dev.skewguard.agent.export;

import javax.net.ssl.SSLContext;

/**
 * Initialises the JDK's default TLS context on a short-lived daemon thread of its own, beside the sender's warm-up,
 * when the channel is TLS (a plaintext one makes none: {@link PlaintextWithoutTls}). grpc-okhttp's {@code Platform}
 * asks {@code SSLContext.getDefault()} for the JDK's provider, and that is most of a TLS sender's warm-up: the JDK
 * parses its trust store, 110-230 ms on a 2-core machine against about 50 ms for the rest of the channel. Started ahead, on its own thread, it no longer comes before everything else on the way
 * to the first Ack. It is the JDK's own, lazily made default context, which grpc-okhttp would make a moment later
 * on the sender's thread anyway; nothing of the application's changes. Never throws.
 */
final class TlsWarmUp implements Runnable {
    /** Started and not yet finished (the JVM has one sender, so one warm-up). */
    private static volatile boolean pending;

    private TlsWarmUp() {
    }

    /** Starts it; returns at once. */
    static void start() {
        try {
            Thread thread = new Thread(new TlsWarmUp(), "skewguard-tls-warmup");
            thread.setDaemon(true);
            pending = true;
            thread.start();
        } catch (Throwable t) {
            pending = false; // the sender's thread makes the context when it builds the channel, as without this
        }
    }

    /** Whether the warm-up was started and has not finished: building the channel would wait for it. */
    static boolean pending() {
        return pending;
    }

    @Override
    public void run() {
        try {
            // What grpc-okhttp's Platform does first: the default context, then a TLS context of its provider.
            SSLContext.getInstance("TLS", SSLContext.getDefault().getProvider()).init(null, null, null);
        } catch (Throwable t) {
            // grpc-okhttp meets the same failure when it builds the channel, and the sender reports it then
        } finally {
            pending = false;
        }
    }
}
