package dev.skewguard.collector.cli;

import dev.skewguard.collector.dashboard.DashboardJobs;
import dev.skewguard.collector.dashboard.HtmlReport;
import dev.skewguard.collector.decision.DecisionReport;
import dev.skewguard.collector.decision.StopDecision;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.history.ModeHistory;
import dev.skewguard.collector.jsonl.JsonLinesRecords;
import dev.skewguard.collector.report.CapturedFrameworks;
import dev.skewguard.collector.report.ReportJson;
import dev.skewguard.collector.report.ReportTimes;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate [options] FILE}: runs the rule over a JSON Lines file of records (like evaluating a saved
 * trial) and prints one JSON report. Exit status 0: no issue; 1: the rule triggered; 2: bad usage, unreadable
 * input, or a configuration error met in the data; 3: no tensor name matched the regexes (nothing evaluated).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = CollectorVersion.class,
        description = {"Evaluates the ClassImbalance rule over recorded JSON Lines and prints a JSON report.",
                "Exit status: 0 no issue found, 1 the rule triggered, 2 bad usage or unreadable input, 3 nothing "
                        + "matched the regexes (nothing was evaluated)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleOptions ruleOptions;

    @Mixin
    private PatienceOptions patienceOptions;

    @Mixin
    private JobRulesOptions jobRules;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "JSON Lines, one record a line: {\"step\": 3, \"mode\": \"train\", \"worker\": \"w0\", "
                    + "\"tensors\": {\"labels\": [0, 1], \"predictions\": [1, 1]}}; '-' for standard input.")
    private String file;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the dashboard's charts for this data as one self-contained HTML file (opens with "
                    + "no network).")
    private Path html;

    private final InputStream stdin;

    public EvaluateCommand() {
        this(System.in);
    }

    EvaluateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        EffectiveParameters parameters = jobRules.resolve(ruleOptions.toParameters(), patienceOptions.toPatience());
        ClassImbalanceRule rule = new ClassImbalanceRule(parameters.rule());
        // The decision `serve` takes to stop a job; here it only shows in the report, when serve would have stopped.
        StopDecision decision = new StopDecision(rule, parameters.patience());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        long lines;
        Instant started = Instant.now();
        Instant[] reached = new Instant[2]; // the first trigger, the stop decision: when reading got there
        List<String> frameworks = new ArrayList<>();
        try (BufferedReader reader = open()) {
            lines = JsonLinesRecords.read(reader, record -> {
                boolean fired = rule.accept(record).isPresent();
                boolean decided = decision.afterRecord().decided().isPresent();
                if (fired && reached[0] == null) {
                    reached[0] = Instant.now();
                }
                if (decided && reached[1] == null) {
                    reached[1] = Instant.now();
                }
                record.tensors().forEach(t -> CapturedFrameworks.add(frameworks,
                        CapturedFrameworks.fromTensorName(t.name())));
            }, rule::recordDataError);
        } catch (NoSuchFileException e) {
            return fail(err, name + ": cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            return fail(err, name + ": cannot read " + file + ": permission denied");
        } catch (IOException | UncheckedIOException e) {
            return fail(err, name + ": cannot read " + file + ": " + e.getMessage());
        }
        Report report = rule.report();
        DecisionReport decided = decision.report();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("input", file);
        extra.put("lines", lines);
        jobRules.report(parameters, extra);
        ReportTimes times = new ReportTimes(started, Instant.now(), reached[0], reached[1]);
        String json = ReportJson.toJson(report, decided, times, frameworks, extra);
        out.println(json);
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.of(new DashboardJobs.JobView(json, modeNames(rule.history()))),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail(err, name + ": cannot write --html " + html + ": " + (e instanceof NoSuchFileException
                        ? "its directory does not exist" : e.getClass().getSimpleName() + " " + e.getMessage()));
            }
        }

        if (report.configurationError().isPresent() && !report.triggered()) {
            err.println(name + ": configuration error: " + report.configurationError().get());
        } else {
            err.println(report.summary());
        }
        if (report.triggered()) {
            err.println(decided.decided().map(d -> "ClassImbalance: stop decision: " + d.summary())
                    .orElse("ClassImbalance: no stop decision: no check kept firing over its patience "
                            + "(--patience-imbalance " + decided.patience().imbalanceLabels()
                            + ", --patience-misprediction " + decided.patience().mispredictionLabels() + ")"));
        }
        if (report.dataErrors() > 0) {
            err.println(name + ": " + report.dataErrors() + " data error(s) skipped; first: "
                    + report.dataErrorMessages().get(0));
        }
        if (report.configurationError().isPresent() && report.triggered()) {
            err.println(name + ": configuration error: " + report.configurationError().get());
        }
        err.flush();
        if (report.configurationError().isPresent()) {
            return CollectorMain.EXIT_USAGE;
        }
        if (report.nothingMatched()) {
            // A check whose regexes match nothing evaluated nothing: it must not pass as "no imbalance".
            err.println(name + ": nothing was evaluated: fix --labels-regex / --predictions-regex to match the tensor "
                    + "names above (exit status " + CollectorMain.EXIT_NOTHING_MATCHED + ")");
            err.flush();
            return CollectorMain.EXIT_NOTHING_MATCHED;
        }
        return report.triggered() ? CollectorMain.EXIT_TRIGGERED : CollectorMain.EXIT_OK;
    }

    private static Map<String, ModeHistory.Snapshot> modeNames(Map<Mode, ModeHistory.Snapshot> history) {
        Map<String, ModeHistory.Snapshot> out = new LinkedHashMap<>();
        history.forEach((mode, snapshot) -> out.put(mode.jsonName(), snapshot));
        return out;
    }

    private BufferedReader open() throws IOException {
        InputStream in = "-".equals(file) ? stdin : Files.newInputStream(Path.of(file));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return CollectorMain.EXIT_USAGE;
    }
}
