package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.config.AgentConfig;
import java.util.List;

/**
 * Starts the sender thread and registers its exit flush. This class names no gRPC type, so the training thread that
 * captures the first batch (and runs this) loads no gRPC class: the sender thread loads them.
 */
public final class SenderStarter {
    private SenderStarter() {
    }

    public static void start(AgentConfig config, List<String> instrumentations, BatchQueue queue) {
        SenderLifecycle life = new SenderLifecycle(config.flushTimeoutSeconds(), config.endpoint());
        Thread sender = new Thread(() -> {
            long held = 0;
            Exporter exporter = null;
            try {
                exporter = new Exporter(config, instrumentations, queue, life);
                exporter.run();
            } catch (Throwable t) {
                AgentLog.warn("sender stopped (" + AgentLog.describe(t) + "); captured data will not be sent");
            } finally {
                held = exporter == null ? queue.size() : exporter.held();
                life.finished(held);
            }
        }, "skewguard-sender");
        sender.setDaemon(true);
        life.sender(sender);
        queue.setWakeUp(life::wakeUp);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                queue.close();
                life.flushAtExit();
            }, "skewguard-exit-flush"));
        } catch (IllegalStateException exiting) {
            return; // the JVM is already exiting: there is no time to send anything
        }
        sender.start();
    }
}
