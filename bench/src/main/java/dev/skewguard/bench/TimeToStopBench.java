package dev.skewguard.bench;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.config.OnStop;
import dev.skewguard.agent.stop.SkewguardStopException;
import dev.skewguard.agent.stop.StopController;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.Action;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.ServerOptions;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time to stop: from the moment the training thread records the batch that makes the rule fire
 * ({@link Capture#record}) to the moment {@link Capture#checkStop} throws the stop exception on that same thread.
 * One real {@link CollectorServer} with action stop on loopback; each trial is a new job with its own agent
 * connection (the agent's queue and exporter, in-process), ended after the trial. Per trial: one balanced batch of
 * 64 labels (below the rule's samples gate of 100) that the collector counts first, so the connection is up as in a
 * running job; then the firing batch (256 labels, 250 of class 0), then the thread checks for the stop every ~50 us.
 *
 * <p>The agent holds one stop per JVM (StopController is static, as in a real process): between trials this harness
 * clears it by reflection, from outside, so one JVM can run many trials. Arguments: [results file] [trials (100)].
 */
public final class TimeToStopBench {
    private static final int WARM_UP_TRIALS = 10;
    private static final long TRIAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private TimeToStopBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Field stopReason = StopController.class.getDeclaredField("stopReason");
        stopReason.setAccessible(true);

        ServerOptions options = ServerOptions.builder()
                .port(0)
                .quiet(true)
                .action(Action.STOP)
                .ruleParameters(RuleParameters.builder().samples(100).build())
                .log(line -> { })
                .build();
        List<Double> millis = new ArrayList<>();
        int timedOut = 0;
        try (CollectorServer server = CollectorServer.start(options)) {
            String endpoint = "127.0.0.1:" + server.port();
            int[] warmLabels = new int[64];
            for (int i = 0; i < warmLabels.length; i++) {
                warmLabels[i] = i % 10;
            }
            int[] firingLabels = new int[256];
            for (int i = 250; i < firingLabels.length; i++) {
                firingLabels[i] = 1;
            }
            for (int trial = 0; trial < WARM_UP_TRIALS + trials; trial++) {
                stopReason.set(null, null);
                StopController.configure(OnStop.THROW, 1e6, 3);
                String job = "stop-" + trial;
                AgentWorker worker = AgentWorker.start(endpoint, job, "worker", false);
                Capture.install(worker.queue, false);

                Capture.record("bench", CaptureMode.TRAIN, 0, warmLabels.clone(), warmLabels.clone());
                long deadline = System.nanoTime() + TRIAL_TIMEOUT_NANOS;
                while (IngestBench.batchesCounted(server, job) < 1 && System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }

                long t0 = System.nanoTime();
                Capture.record("bench", CaptureMode.TRAIN, 1, firingLabels.clone(), firingLabels.clone());
                long t1 = -1;
                while (System.nanoTime() - t0 < TRIAL_TIMEOUT_NANOS) {
                    try {
                        Capture.checkStop();
                    } catch (SkewguardStopException e) {
                        t1 = System.nanoTime();
                        break;
                    }
                    LockSupport.parkNanos(50_000);
                }
                // As in a real job, one agent per process: this trial's sender says Goodbye and its threads end.
                worker.close();
                if (trial < WARM_UP_TRIALS) {
                    continue;
                }
                if (t1 < 0) {
                    timedOut++;
                } else {
                    millis.add((t1 - t0) / 1e6);
                }
            }
        }
        double p99 = Stats.percentile(millis, 99);
        ResultTable table = new ResultTable("4. Time to stop (loopback, collector --action stop, on_stop=throw)",
                "trials", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "timed out (> 10 s)", "target p99 < 20 ms");
        table.row(millis.size() + timedOut, Stats.fmt(Stats.median(millis), 2),
                Stats.fmt(Stats.percentile(millis, 90), 2), Stats.fmt(p99, 2), Stats.fmt(Stats.max(millis), 2),
                timedOut, timedOut == 0 && p99 < 20 ? "met" : "MISSED");
        table.note("From Capture.record of the batch that makes the rule fire to SkewguardStopException from "
                + "Capture.checkStop on the same thread, which checks every ~50 us (a real training thread checks at "
                + "its next captured batch: add up to one batch's time). " + WARM_UP_TRIALS
                + " warm-up trials not counted. Load average (1/5/15 min) at the end: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
