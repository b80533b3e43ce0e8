package dev.skewguard.collector.cli;

import dev.skewguard.collector.decision.Patience;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How long a check must hold before it is acted on ({@link Patience}), shared by {@code serve} (which stops then)
 * and {@code evaluate} (whose report shows when serve would have), as a picocli {@code @Mixin}.
 */
public final class PatienceOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--patience-imbalance", paramLabel = "LABELS",
            description = "Act on the imbalance check once it has kept firing over this many labels of its mode "
                    + "(0: at the first trigger; default " + Patience.DEFAULT_IMBALANCE_LABELS + ").")
    private String imbalance;

    @Option(names = "--patience-misprediction", paramLabel = "LABELS",
            description = "Act on the misprediction check once it has kept firing over this many labels of its "
                    + "mode (0: at the first trigger; default " + Patience.DEFAULT_MISPREDICTION_LABELS + ").")
    private String misprediction;

    /**
     * The patience given, defaults for the options left out.
     *
     * @throws ParameterException (a usage error, exit status 2) naming the option and the value when one is not a
     *     whole number of labels >= 0
     */
    public Patience toPatience() {
        return new Patience(parse("--patience-imbalance", imbalance, Patience.DEFAULT_IMBALANCE_LABELS),
                parse("--patience-misprediction", misprediction, Patience.DEFAULT_MISPREDICTION_LABELS));
    }

    private long parse(String option, String value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        long labels;
        try {
            labels = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            labels = -1;
        }
        if (labels < 0) {
            throw new ParameterException(spec.commandLine(), option + ": invalid value \"" + value
                    + "\": not a whole number of labels >= 0 (0 acts on the first trigger)");
        }
        return labels;
    }
}
