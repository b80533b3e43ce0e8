package dev.skewguard.examples.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The command-line options of the synthetic data set ({@link SyntheticClasses}), as a picocli mixin. */
public final class SyntheticDataOptions {
    @Option(names = "--classes", defaultValue = "4", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    public int classes;

    @Option(names = "--minority-fraction", description = "Share of all samples in the last (minority) class; "
            + "the other classes share the rest evenly (default: 1/classes, balanced).")
    public Double minorityFraction;

    @Option(names = "--samples", defaultValue = "2000",
            description = "Samples in total, 80%% train and 20%% validation (default: ${DEFAULT-VALUE}).")
    public int samples;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the data and of the model (default: ${DEFAULT-VALUE}).")
    public long seed;

    /** The first {@code trainSize()} samples train, the rest validate. */
    public int trainSize() {
        return samples * 4 / 5;
    }

    /** The data set these options describe; a bad combination is a usage error of {@code spec}'s command. */
    public SyntheticClasses generate(CommandSpec spec) {
        double fraction = minorityFraction != null ? minorityFraction : 1.0 / classes;
        try {
            return SyntheticClasses.generate(samples, classes, fraction, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
