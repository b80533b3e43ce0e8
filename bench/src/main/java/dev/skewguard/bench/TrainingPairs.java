package dev.skewguard.bench;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a training program in pairs of child JVMs, one without the agent and one with {@code
 * -javaagent:skewguard-agent.jar} streaming to a live collector in this JVM (loopback, action log), their order
 * alternating from pair to pair (without first in even pairs, with first in odd ones), each agent run a job of its
 * own; and says what the collector counted of it and what its threads used meanwhile.
 */
final class TrainingPairs {
    /** The in-process collector's threads: gRPC's server threads and its own. */
    private static final String[] COLLECTOR_THREADS = {"grpc-", "skewguard-collector"};
    private static final long RUN_TIMEOUT_SECONDS = 900;

    private final CollectorServer server;
    private final ChildProcess.CpuSampling sampling;

    /**
     * One pair: both runs, the batches the collector counted of the agent run's job (once the count stopped
     * growing) and the CPU seconds of the collector's threads during the agent run.
     */
    record Pair(ChildProcess.Run without, ChildProcess.Run with, long counted, double collectorCpu) {
        /** Both runs exited with 0 and the collector counted the agent run's batches. */
        boolean ok() {
            return without.exitCode() == 0 && with.exitCode() == 0 && counted > 0;
        }

        /** One line saying why a pair that is not {@link #ok()} does not count. */
        String failure(String exampleName, int pair, Path log) {
            return exampleName + " pair " + pair + ": exit codes " + without.exitCode() + " / " + with.exitCode()
                    + ", batches counted " + counted + " (see " + log + ")";
        }
    }

    /** The pairs of a program that ran ({@link Pair#ok()}), and how many did not (each said on standard error). */
    record Results(List<Pair> ok, int failures) {
    }

    TrainingPairs(CollectorServer server, ChildProcess.CpuSampling sampling) {
        this.server = server;
        this.sampling = sampling;
    }

    /** A collector for the agent runs: loopback, any free port, action log, the rule's default parameters, quiet. */
    static CollectorServer startCollector() throws IOException {
        return CollectorServer.start(ServerOptions.builder()
                .port(0)
                .quiet(true)
                .action(Action.LOG)
                .ruleParameters(RuleParameters.DEFAULTS)
                .log(line -> { })
                .build());
    }

    /**
     * Runs {@code pairs} pairs of {@code example}, the agent runs as jobs {@code jobPrefix-<module>-<epochs>-<pair>},
     * output to {@code log}.
     */
    Results run(TrainingExample example, int pairs, String jobPrefix, Path log)
            throws IOException, InterruptedException {
        List<Pair> ok = new ArrayList<>();
        int failures = 0;
        for (int pair = 0; pair < pairs; pair++) {
            String job = jobPrefix + "-" + example.module() + "-" + example.epochs() + "-" + pair;
            Pair result = runPair(example, pair, job, log);
            if (result.ok()) {
                ok.add(result);
            } else {
                failures++;
                System.err.println(result.failure(example.name(), pair, log));
            }
        }
        return new Results(ok, failures);
    }

    /** Runs pair number {@code pair} of {@code example}, the agent run as job {@code job}, output to {@code log}. */
    Pair runPair(TrainingExample example, int pair, String job, Path log) throws IOException, InterruptedException {
        String cp = ChildProcess.exampleClassPath(Repo.ROOT, example.module());
        String[] programArgs = example.args().toArray(String[]::new);
        List<String> agentJvmArgs = new ArrayList<>(example.jvmArgs());
        agentJvmArgs.add("-javaagent:" + Repo.agentJar() + "=endpoint=127.0.0.1:" + server.port() + ",job=" + job);
        List<String> plain = ChildProcess.java(example.jvmArgs(), cp, example.mainClass(), programArgs);
        List<String> agent = ChildProcess.java(agentJvmArgs, cp, example.mainClass(), programArgs);
        boolean agentFirst = pair % 2 != 0;
        double collectorBefore = ThreadCpu.inThisJvm(COLLECTOR_THREADS);
        ChildProcess.Run first = ChildProcess.timed(agentFirst ? agent : plain, log, example.env(),
                RUN_TIMEOUT_SECONDS, sampling);
        double collectorBetween = ThreadCpu.inThisJvm(COLLECTOR_THREADS);
        ChildProcess.Run second = ChildProcess.timed(agentFirst ? plain : agent, log, example.env(),
                RUN_TIMEOUT_SECONDS, sampling);
        double collectorAfter = ThreadCpu.inThisJvm(COLLECTOR_THREADS);
        double collectorCpu = agentFirst ? collectorBetween - collectorBefore : collectorAfter - collectorBetween;
        return new Pair(agentFirst ? second : first, agentFirst ? first : second, countedOnceStable(job),
                collectorCpu);
    }

    /** The batches the collector counted of {@code job}, read once the count stopped growing (at most 5 s). */
    private long countedOnceStable(String job) throws InterruptedException {
        // The agent's last batches and Goodbye may still be in flight.
        long counted = IngestBench.batchesCounted(server, job);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            long now = IngestBench.batchesCounted(server, job);
            if (now == counted && i >= 4) {
                break;
            }
            counted = now;
        }
        return counted;
    }
}
