package dev.skewguard.bench;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.OnStop;
import dev.skewguard.agent.export.SenderStarter;
import java.util.List;

/**
 * One agent connection run in-process: the agent's own bounded queue and its own sender (exporter: Hello, batches
 * under flow control, acknowledgements, resend), started exactly as the agent starts it on the first captured batch.
 */
final class AgentWorker {
    final BatchQueue queue;
    private final SenderStarter sender;

    private AgentWorker(BatchQueue queue, SenderStarter sender) {
        this.queue = queue;
        this.sender = sender;
    }

    /**
     * Starts a worker of {@code job} sending to {@code endpoint}; blockWhenFull gives back-pressure, no drops. The
     * system property {@code skewguard.send_interval} sets the agent option of that name, as it would for the agent.
     */
    static AgentWorker start(String endpoint, String job, String worker, boolean blockWhenFull) {
        AgentConfig config = AgentConfig.builder()
                .endpoint(endpoint)
                .job(job)
                .worker(worker)
                .blockWhenFull(blockWhenFull)
                .onStop(OnStop.THROW)
                .stopGraceSeconds(1e6)
                .flushTimeoutSeconds(0.2)
                .sendIntervalMillis(sendIntervalMillis())
                .build();
        BatchQueue queue = new BatchQueue(config.buffer(), blockWhenFull, () -> { });
        SenderStarter sender = new SenderStarter(config, queue);
        sender.start(List.of("bench"));
        return new AgentWorker(queue, sender);
    }

    /** The send_interval these workers use: the system property {@code skewguard.send_interval}, or the default. */
    static int sendIntervalMillis() {
        return Integer.getInteger("skewguard.send_interval", AgentConfig.DEFAULT_SEND_INTERVAL_MILLIS);
    }

    /** Ends this worker's sender as a JVM's exit would (Goodbye; its threads end). */
    void close() {
        sender.stop();
    }

    /** Hands one batch of class ids over, as Capture.record does (the arrays are the agent's from then on). */
    boolean offer(long step, int[] labels, int[] predicted) {
        return queue.offer(CapturedBatch.ofClasses("bench", CaptureMode.TRAIN, step, labels, predicted));
    }
}
