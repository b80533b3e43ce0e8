package dev.skewguard.bench;

import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.options.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Promptness, end to end: from the capture of the batch whose record made the collector decide to stop to the moment
 * the training thread stopped, in batches and milliseconds. Real training programs (the examples) on imbalanced data
 * in child JVMs with the shaded agent (on_stop=throw), one real collector in this JVM with action stop and the rule's
 * default parameters and patience, each run a job of its own; each training batch followed by a pause of 1 ms or 10 ms
 * ({@code --batch-delay-ms}), so that a step takes about that long. The agent measures the lag itself: it keeps the
 * capture time of its last 4096 batches by step and mode, and when the training thread throws the stop it says how
 * many batches and milliseconds after the capture of the deciding batch (the Stop names its step and mode) that was
 * ("the training thread stopped N batches and M ms after capturing the batch that decided (train step S)").
 * Arguments: [results file] [runs per row (5)] [more agent options, e.g. ",connect_early=false" (none)].
 */
public final class PromptnessBench {
    private static final Pattern LAG = Pattern.compile(
            "the training thread stopped (\\d+) batches and ([0-9.]+) ms after capturing the batch that decided");
    private static final long RUN_TIMEOUT_SECONDS = 300;

    private PromptnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String moreOptions = args.length > 2 ? args[2] : "";
        List<ExampleProgram> programs = List.of(
                new ExampleProgram("DJL (EasyTrain, PyTorch)", "djl", "dev.skewguard.examples.djl.DjlTrainMain",
                        List.of("--classes", "4", "--minority-fraction", "0.02", "--epochs", "200"), "",
                        Map.of("DJL_OFFLINE", "true")),
                new ExampleProgram("DL4J", "dl4j", "dev.skewguard.examples.dl4j.Dl4jExample",
                        List.of("--classes", "4", "--minority-fraction", "0.02", "--epochs", "200"), "", Map.of()),
                new ExampleProgram("XGBoost4J (Booster loop)", "xgboost",
                        "dev.skewguard.examples.xgboost.XgboostExample",
                        List.of("--classes", "4", "--minority-fraction", "0.02", "--rounds", "2000"), "", Map.of()),
                ExampleProgram.plainMethods("methods (plain Java)",
                        List.of("--classes", "3", "--minority-fraction", "0.02", "--epochs", "400")));
        ResultTable table = new ResultTable("1. Promptness: from the capture of the deciding batch to the training "
                + "thread's stop" + (moreOptions.isEmpty() ? "" : " (agent options " + moreOptions + ")"), "program",
                "pause per step (ms)", "runs", "batches p50", "batches p99", "ms p50", "ms p99",
                "target: <= 2 batches or <= 100 ms, p99");
        String loadBefore = ChildProcess.loadAverage();
        ServerOptions options = ServerOptions.builder()
                .port(0)
                .quiet(true)
                .action(Action.STOP)
                .ruleParameters(RuleParameters.DEFAULTS)
                .log(line -> { })
                .build();
        int job = 0;
        try (CollectorServer server = CollectorServer.start(options)) {
            for (ExampleProgram program : programs) {
                for (int pause : new int[] {1, 10}) {
                    List<Double> batches = new ArrayList<>();
                    List<Double> millis = new ArrayList<>();
                    int missing = 0;
                    for (int r = 0; r < runs; r++) {
                        double[] lag = run(program, pause, server.port(), "promptness-" + (job++), moreOptions);
                        if (lag == null) {
                            missing++;
                        } else {
                            batches.add(lag[0]);
                            millis.add(lag[1]);
                        }
                    }
                    if (batches.isEmpty()) {
                        table.row(program.name(), pause, runs + " (" + missing + " with no lag line)", "-", "-", "-",
                                "-", "no figure");
                        continue;
                    }
                    double b99 = Stats.percentile(batches, 99);
                    double m99 = Stats.percentile(millis, 99);
                    table.row(program.name(), pause, batches.size() + (missing > 0 ? " (+" + missing
                                    + " with no lag line)" : ""), Stats.fmt(Stats.median(batches), 0),
                            Stats.fmt(b99, 0), Stats.fmt(Stats.median(millis), 1), Stats.fmt(m99, 1),
                            b99 <= 2 || m99 <= 100 ? "met" : "MISSED");
                }
            }
        }
        table.note("Each run trains on imbalanced data until the collector's Stop ends it (on_stop=throw); the lag is "
                + "what the agent printed at the stop. p99 over so few runs is their maximum. Load average (1/5/15 "
                + "min) before: " + loadBefore + ", after: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
    }

    /** One run; {batches, ms} from the agent's lag line, or null if it printed none. */
    private static double[] run(ExampleProgram program, int pause, int port, String job, String moreOptions)
            throws Exception {
        String cp = program.classPath();
        List<String> exampleArgs = new ArrayList<>(program.args());
        exampleArgs.addAll(List.of("--batch-delay-ms", Integer.toString(pause)));
        List<String> command = ChildProcess.java(List.of("-javaagent:" + Repo.agentJar() + "=endpoint=127.0.0.1:"
                        + port + ",job=" + job + ",on_stop=throw,stop_grace=60" + program.agentExtra() + moreOptions), cp,
                program.mainClass(), exampleArgs.toArray(String[]::new));
        Path log = Repo.logs().resolve("promptness-" + program.name().split(" ")[0].toLowerCase() + ".log");
        long before = Files.exists(log) ? Files.size(log) : 0;
        ChildProcess.timed(command, log, program.env(), RUN_TIMEOUT_SECONDS);
        String output = Files.readString(log).substring((int) before);
        Matcher m = LAG.matcher(output);
        return m.find() ? new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))} : null;
    }
}
