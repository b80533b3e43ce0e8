package dev.skewguard.examples.tensorflow;

import dev.skewguard.examples.common.BatchDelayOptions;
import dev.skewguard.examples.common.ExampleCommandLine;
import dev.skewguard.examples.common.SyntheticClasses;
import dev.skewguard.examples.common.SyntheticDataOptions;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a small graph-mode TensorFlow Java classifier (an MLP, softmax cross entropy on one-hot labels, Adam's
 * minimize) on seeded synthetic data: one Session run per training batch (with the optimizer's target), and after
 * each epoch one run per validation batch (no target). It prints the true per-class label counts of the batches it
 * has run as it goes, so they can be compared with what an observer counted.
 */
@Command(name = "tensorflow-example", mixinStandardHelpOptions = true,
        description = "Trains a small graph-mode TensorFlow Java classifier on seeded synthetic data.")
public final class TensorflowExample implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SyntheticDataOptions data;

    @Mixin
    BatchDelayOptions delay;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.01", description = "Adam's learning rate "
            + "(default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--labels", defaultValue = "onehot", description = "How labels are fed: onehot (float [N, C]) "
            + "or ids (int32 [N], one-hot in the graph) (default: ${DEFAULT-VALUE}).")
    ClassifierGraph.LabelFeed labelFeed;

    @Option(names = "--labels-name", defaultValue = "labels", description = "Name of the labels placeholder "
            + "(default: ${DEFAULT-VALUE}).")
    String labelsName;

    @Option(names = "--predictions-name", defaultValue = "predictions", description = "Name of the predictions "
            + "operation (default: ${DEFAULT-VALUE}).")
    String predictionsName;

    @Option(names = "--fetch", defaultValue = "predictions", description = "What runs fetch: predictions (and the "
            + "loss, in training) or loss (training runs only, no validation runs) (default: ${DEFAULT-VALUE}).")
    ClassifierGraph.Fetch fetch;

    public static void main(String[] args) {
        System.exit(ExampleCommandLine.execute("tensorflow-example", new TensorflowExample(), args));
    }

    @Override
    public Integer call() {
        if (epochs < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs and --batch-size must be at least 1");
        }
        SyntheticClasses set = data.generate(spec);
        int trainSize = data.trainSize();
        long[] trainEpochCounts = set.counts(0, trainSize);
        long[] validEpochCounts = set.counts(trainSize, data.samples);
        boolean validates = fetch == ClassifierGraph.Fetch.predictions;
        System.out.println("data: classes " + data.classes + ", train label counts " + Arrays.toString(trainEpochCounts)
                + ", validation label counts " + Arrays.toString(validEpochCounts) + ", labels fed as " + labelFeed
                + " under " + labelsName + ", fetching " + fetch + ", predictions named " + predictionsName);
        long[] trained = new long[data.classes];
        long[] evaluated = new long[data.classes];
        try (Graph graph = new Graph()) {
            ClassifierGraph model = new ClassifierGraph(graph, data.classes, data.seed, learningRate, labelFeed,
                    labelsName, predictionsName);
            try (Session session = new Session(graph)) {
                session.initialize();
                try {
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        double loss = 0;
                        int batches = 0;
                        for (int from = 0; from < trainSize; from += batchSize) {
                            int to = Math.min(trainSize, from + batchSize);
                            loss += model.train(session, set, from, to, fetch);
                            add(trained, set.counts(from, to));
                            batches++;
                            delay.pause();
                        }
                        String valid = "";
                        if (validates) {
                            int correct = 0;
                            for (int from = trainSize; from < data.samples; from += batchSize) {
                                int to = Math.min(data.samples, from + batchSize);
                                correct += model.evaluate(session, set, from, to);
                                add(evaluated, set.counts(from, to));
                            }
                            valid = String.format(", validation accuracy %.4f",
                                    (double) correct / (data.samples - trainSize));
                        }
                        System.out.printf("epoch %d: loss %.4f%s, train label counts %s, eval label counts %s%n",
                                epoch, loss / batches, valid, Arrays.toString(trained), Arrays.toString(evaluated));
                    }
                    System.out.println("result: trained " + epochs + " epochs");
                } finally {
                    // Printed however training ends (also when something stops it), for comparison with an observer.
                    System.out.println("ran: train label counts " + Arrays.toString(trained)
                            + ", eval label counts " + Arrays.toString(evaluated));
                }
            }
        }
        return 0;
    }

    private static void add(long[] total, long[] counts) {
        for (int c = 0; c < total.length; c++) {
            total[c] += counts[c];
        }
    }
}
