package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.config.AgentConfig;
import java.util.List;

/**
 * Starts the sender thread. This class names no gRPC type, so the training thread that captures the first batch
 * (and runs this) loads no gRPC class: the sender thread loads them.
 */
public final class SenderStarter {
    private SenderStarter() {
    }

    public static void start(AgentConfig config, List<String> instrumentations, BatchQueue queue) {
        Thread sender = new Thread(() -> {
            try {
                Exporter exporter = new Exporter(config, instrumentations, queue);
                exporter.run();
            } catch (Throwable t) {
                AgentLog.warn("sender stopped (" + AgentLog.describe(t) + "); captured data will not be sent");
            }
        }, "skewguard-sender");
        sender.setDaemon(true);
        queue.setWakeUp(() -> java.util.concurrent.locks.LockSupport.unpark(sender));
        sender.start();
    }
}
