package dev.skewguard.bench;

import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.Action;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training overhead: the DJL example (PyTorch engine, EasyTrain) and the DL4J example, balanced data, each run as
 * its own JVM with {@code -javaagent:skewguard-agent.jar} streaming to a live collector (in this JVM, loopback,
 * action log) and without the agent, alternately (A B, B A, ...). The figure is the median over pairs of
 * (wall time with agent / wall time without); beside it the median of the seconds the agent added. Each example runs
 * twice: a short run (3 epochs, a few seconds: what the agent costs once per JVM dominates) and a long one (the
 * target's row: what a job that trains for a while pays). No warm-up pair (the order alternates instead). Each agent
 * run must have been counted by the collector (its report's batches_counted), or the row says so.
 *
 * <p>Arguments: [results file] [pairs (5)] [DJL epochs of the long run (300)] [DL4J epochs of the long run (40)];
 * 12000 samples each.
 */
public final class TrainingOverheadBench {
    private TrainingOverheadBench() {
    }

    /** One framework's training program. */
    record Example(String name, String module, String epochs, String mainClass, List<String> args,
                   Map<String, String> env) {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String djlEpochs = args.length > 2 ? args[2] : "300";
        String dl4jEpochs = args.length > 3 ? args[3] : "40";
        List<Example> examples = new ArrayList<>();
        for (String epochs : List.of("3", djlEpochs)) {
            examples.add(new Example("DJL (PyTorch), " + epochs + " epochs", "djl", epochs,
                    "dev.skewguard.examples.djl.DjlTrainMain",
                    List.of("--classes", "4", "--samples", "12000", "--epochs", epochs, "--engine", "PyTorch"),
                    Map.of("DJL_OFFLINE", "true")));
        }
        for (String epochs : List.of("3", dl4jEpochs)) {
            examples.add(new Example("DL4J, " + epochs + " epochs", "dl4j", epochs,
                    "dev.skewguard.examples.dl4j.Dl4jExample",
                    List.of("--classes", "4", "--samples", "12000", "--epochs", epochs), Map.of()));
        }

        ResultTable table = new ResultTable("1. Training overhead: agent + live collector vs no agent",
                "run", "pairs", "without agent, median (s)", "with agent, median (s)", "added, median (s)",
                "ratio, median of pairs", "ratio range", "batches counted per agent run (min)", "target <= 1.02");
        String loadBefore = ChildProcess.loadAverage();
        ServerOptions options = ServerOptions.builder()
                .port(0)
                .quiet(true)
                .action(Action.LOG)
                .ruleParameters(RuleParameters.DEFAULTS)
                .log(line -> { })
                .build();
        try (CollectorServer server = CollectorServer.start(options)) {
            for (Example example : examples) {
                measure(example, pairs, server, table);
            }
        }
        table.note("Wall time of the whole run (JVM start to exit, engine start included), 12000 samples (80% "
                + "training), 4 balanced classes; DJL batches of 32 (375 per epoch, about 0.3 ms each here), DL4J "
                + "batches of 50 (240 per epoch). Load average (1/5/15 min) before: " + loadBefore + ", after: "
                + ChildProcess.loadAverage() + ".");
        table.emit(out);
    }

    private static void measure(Example example, int pairs, CollectorServer server, ResultTable table)
            throws Exception {
        String cp = ChildProcess.exampleClassPath(Repo.ROOT, example.module());
        Path log = Repo.logs().resolve("training-" + example.module() + ".log");
        String[] programArgs = example.args().toArray(String[]::new);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        long minCounted = Long.MAX_VALUE;
        int failures = 0;
        for (int pair = 0; pair < pairs; pair++) {
            String job = "overhead-" + example.module() + "-" + example.epochs() + "-" + pair;
            List<String> plain = ChildProcess.java(List.of(), cp, example.mainClass(), programArgs);
            List<String> agent = ChildProcess.java(List.of("-javaagent:" + Repo.agentJar() + "=endpoint=127.0.0.1:"
                    + server.port() + ",job=" + job), cp, example.mainClass(), programArgs);
            boolean agentFirst = pair % 2 != 0;
            ChildProcess.Run first = ChildProcess.timed(agentFirst ? agent : plain, log, example.env(), 900);
            ChildProcess.Run second = ChildProcess.timed(agentFirst ? plain : agent, log, example.env(), 900);
            ChildProcess.Run a = agentFirst ? second : first;
            ChildProcess.Run b = agentFirst ? first : second;
            // The agent's last batches and Goodbye may still be in flight: read the count once it is stable.
            long counted = IngestBench.batchesCounted(server, job);
            for (int i = 0; i < 50; i++) {
                Thread.sleep(100);
                long now = IngestBench.batchesCounted(server, job);
                if (now == counted && i >= 4) {
                    break;
                }
                counted = now;
            }
            if (a.exitCode() != 0 || b.exitCode() != 0 || counted == 0) {
                failures++;
                System.err.println(example.name() + " pair " + pair + ": exit codes " + a.exitCode() + " / "
                        + b.exitCode() + ", batches counted " + counted + " (see " + log + ")");
                continue;
            }
            {
                without.add(a.millis() / 1000);
                with.add(b.millis() / 1000);
                ratios.add(b.millis() / a.millis());
                added.add((b.millis() - a.millis()) / 1000);
                minCounted = Math.min(minCounted, counted);
            }
        }
        if (ratios.isEmpty()) {
            table.row(example.name(), 0, "-", "-", "-", "-", "-", "-",
                    "NOT MEASURED: every pair failed (" + failures + ")");
            return;
        }
        double ratio = Stats.median(ratios);
        table.row(example.name(), ratios.size(), Stats.fmt(Stats.median(without), 2),
                Stats.fmt(Stats.median(with), 2), Stats.fmt(Stats.median(added), 2), Stats.fmt(ratio, 3),
                Stats.fmt(Stats.percentile(ratios, 0), 3) + " .. " + Stats.fmt(Stats.max(ratios), 3), minCounted,
                (ratio <= 1.02 ? "met" : "MISSED") + (failures > 0 ? " (" + failures + " failed pairs)" : ""));
    }
}
