package dev.skewguard.collector.cli;

import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.RuleParameters;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The ClassImbalance rule's options, shared by {@code evaluate} and {@code serve} as a picocli {@code @Mixin}:
 * the seed's parameter names in kebab case, and {@code --params FILE}, a properties file with the snake_case
 * names. Options given on the command line win over the file; the file wins over the defaults.
 */
public final class RuleOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--threshold-imbalance", paramLabel = "FLOAT",
            description = "Largest / smallest class count above which the rule fires (>= 1; default 10).")
    private String thresholdImbalance;

    @Option(names = "--threshold-misprediction", paramLabel = "FLOAT",
            description = "Mispredicted fraction of a class above which the rule fires (0..1; default 0.7).")
    private String thresholdMisprediction;

    @Option(names = "--samples", paramLabel = "INT",
            description = "Labels a mode must count before the checks run (>= 1; default 500).")
    private String samples;

    @Option(names = "--argmax", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Take argmax over score-vector predictions [N,C] (default false; --argmax alone: true).")
    private Boolean argmax;

    @Option(names = "--labels-regex", paramLabel = "REGEX",
            description = "Label tensors: names in which this regex is found (default .*labels).")
    private String labelsRegex;

    @Option(names = "--predictions-regex", paramLabel = "REGEX",
            description = "Prediction tensors: names in which this regex is found (default .*predictions).")
    private String predictionsRegex;

    @Option(names = "--window", paramLabel = "INT",
            description = "Misprediction check over each class's last N labels; 0 = cumulative (default 0).")
    private String window;

    @Option(names = "--num-classes", paramLabel = "INT",
            description = "Classes 0..C-1 all take part, seen or not; 0 = only classes seen (default 0).")
    private String numClasses;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Properties file with the rule's snake_case parameters; command-line options win.")
    private Path params;

    /**
     * The parameters: defaults, then {@code --params FILE}, then the options given.
     *
     * @throws ParameterException (picocli: a usage error, exit status 2) naming the option or file entry and the
     *     value when one is invalid, or when the file cannot be read
     */
    public RuleParameters toParameters() {
        RuleParameters result = RuleParameters.DEFAULTS;
        if (params != null) {
            Map<String, String> fromFile = readParams(params);
            try {
                result = result.withProperties(fromFile);
            } catch (InvalidParameterException e) {
                throw usage("--params " + params + ": " + e.getMessage());
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        given.put(RuleParameters.THRESHOLD_IMBALANCE, thresholdImbalance);
        given.put(RuleParameters.THRESHOLD_MISPREDICTION, thresholdMisprediction);
        given.put(RuleParameters.SAMPLES, samples);
        given.put(RuleParameters.ARGMAX, argmax == null ? null : argmax.toString());
        given.put(RuleParameters.LABELS_REGEX, labelsRegex);
        given.put(RuleParameters.PREDICTIONS_REGEX, predictionsRegex);
        given.put(RuleParameters.WINDOW, window);
        given.put(RuleParameters.NUM_CLASSES, numClasses);
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            try {
                result = result.withProperties(Map.of(e.getKey(), e.getValue()));
            } catch (InvalidParameterException ex) {
                throw usage("--" + e.getKey().replace('_', '-') + ": invalid value \"" + ex.value() + "\": "
                        + ex.reason());
            }
        }
        return result;
    }

    private Map<String, String> readParams(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw usage("--params " + file + ": cannot read: " + describe(e));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
