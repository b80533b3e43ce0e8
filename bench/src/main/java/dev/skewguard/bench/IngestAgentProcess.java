package dev.skewguard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent process of {@link IngestProcessesBench}: {@code connections} agent connections (the agent's own queue and
 * exporter, {@link AgentWorker}), each fed by a producer thread that offers batches of 256 labels + 256 predicted
 * ids as fast as its queue takes them (block_when_full: nothing is dropped). Runs until its standard input closes
 * (the harness ends it) or {@code seconds} have passed, then halts.
 *
 * <p>Arguments: endpoint job connections first-worker-index seconds.
 */
public final class IngestAgentProcess {
    private IngestAgentProcess() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String job = args[1];
        int connections = Integer.parseInt(args[2]);
        int firstWorker = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        SyntheticBatch data = new SyntheticBatch(IngestBench.BATCH, 11);
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            AgentWorker worker = AgentWorker.start(endpoint, job, "worker-" + (firstWorker + i), true);
            Thread producer = new Thread(() -> {
                long step = 0;
                while (true) {
                    worker.offer(step++, data.labels, data.predicted);
                }
            }, "producer-" + i);
            producer.setDaemon(true);
            producers.add(producer);
        }
        producers.forEach(Thread::start);
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the harness never writes; end of input means it is done with this process
                }
            } catch (java.io.IOException ignored) {
                // the same: the harness went away
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread.sleep(seconds * 1000);
        Runtime.getRuntime().halt(0);
    }
}
