package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.report.ExitHook;
import java.util.List;

/**
 * Starts the sender thread and registers its exit flush. This class names no gRPC type, so the threads that call it
 * load no gRPC class: the sender thread loads them.
 * <ul>
 *   <li>{@link #warmUp} (when an instrumented framework's first class loads): the sender thread starts, loads the
 *   gRPC/OkHttp/protobuf classes and builds the channel object, then waits. It opens no connection.</li>
 *   <li>{@link #connectEarly} (right after the warm-up, unless connect_early=false): the exit flush is registered
 *   and the sender connects, before any batch is captured.</li>
 *   <li>{@link #start} (the first captured batch): the exit flush is registered (with {@link ExitHook}, which runs it
 *   before the exit report) and the sender connects at once, warmed up or not.</li>
 * </ul>
 */
public final class SenderStarter {
    private final AgentConfig config;
    private final BatchQueue queue;
    private final SenderLifecycle life;
    private Thread sender;
    private boolean started;
    private boolean flushRegistered;
    /** The instrumentations the Hello names: those enabled at the warm-up, those active from the first batch on. */
    private volatile List<String> instrumentations = List.of();

    public SenderStarter(AgentConfig config, BatchQueue queue) {
        this.config = config;
        this.queue = queue;
        this.life = new SenderLifecycle(config.flushTimeoutSeconds(), config.endpoint(), queue);
    }

    /** Starts the sender thread, which prepares and then waits for the first batch. Idempotent. */
    public synchronized void warmUp(List<String> instrumentations) {
        if (sender == null) {
            this.instrumentations = instrumentations;
            if (config.security().tls()) {
                TlsWarmUp.start(); // a plaintext channel makes no TLS context: PlaintextWithoutTls
            }
            sender = newSenderThread();
            life.sender(sender);
            queue.setWakeUp(life::wakeUp);
            sender.start();
        }
    }

    /** The first batch was captured: register the exit flush and let the sender connect. Idempotent. */
    public synchronized void start(List<String> instrumentations) {
        if (started) {
            return;
        }
        started = true;
        this.instrumentations = instrumentations;
        if (!registerFlush()) {
            return; // the JVM is already exiting: there is no time to send anything
        }
        warmUp(instrumentations);
        life.firstBatch();
    }

    /**
     * An instrumented framework loaded (connect_early): warm up, register the exit flush and connect now, so that
     * the connection is up when training starts and the job's first batches, the ones that can decide a stop
     * early, are not held while it is made. Idempotent.
     */
    public synchronized void connectEarly(List<String> instrumentations) {
        if (started || flushRegistered) {
            return;
        }
        if (!registerFlush()) {
            return;
        }
        warmUp(instrumentations);
        life.connectEarly();
    }

    private boolean registerFlush() {
        if (!flushRegistered) {
            flushRegistered = ExitHook.flushFirst(() -> {
                queue.close();
                return life.flushAtExit();
            });
        }
        return flushRegistered;
    }

    /**
     * Ends a started sender now, as the JVM's exit would: it sends what it holds for at most flush_timeout, says
     * Goodbye, and its thread and event loop end. For a JVM that runs more than one sender, such as the benchmarks;
     * an agent's one sender ends only at exit. Returns once the sender has ended (or flush_timeout and a grace period
     * have passed). As at exit, a sender that holds nothing and has not yet said Hello is left as it is.
     */
    public void stop() {
        queue.close();
        life.flushAtExit();
    }

    SenderLifecycle lifecycle() {
        return life;
    }

    /** The sender thread, or null before the warm-up. */
    synchronized Thread thread() {
        return sender;
    }

    private Thread newSenderThread() {
        Thread thread = new Thread(() -> {
            Exporter exporter = null;
            try {
                exporter = new Exporter(config, () -> instrumentations, queue, life);
                exporter.prepare();
                life.awaitFirstBatch();
                exporter.run();
            } catch (Throwable t) {
                AgentLog.warn("sender stopped (" + AgentLog.describe(t) + "); captured data will not be sent");
            } finally {
                life.finished();
            }
        }, "skewguard-sender");
        thread.setDaemon(true);
        // Created from a framework's or the training thread: do not inherit a priority someone lowered there.
        thread.setPriority(Thread.NORM_PRIORITY);
        return thread;
    }
}
