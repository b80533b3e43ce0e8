package dev.skewguard.examples.dl4j;

import dev.skewguard.examples.common.BatchDelayOptions;
import dev.skewguard.examples.common.ExampleCommandLine;
import dev.skewguard.examples.common.SyntheticClasses;
import dev.skewguard.examples.common.SyntheticDataOptions;
import dev.skewguard.examples.common.TrainingTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a small DL4J classifier (a MultiLayerNetwork, a ComputationGraph with --graph, or a ComputationGraph with
 * a second, regression head with --regression-head) on seeded synthetic data, evaluating on a validation split after
 * every epoch. It prints the true per-class label counts of the batches it has completed as it goes, so they can be
 * compared with what an observer (skewguard) counted.
 */
@Command(name = "dl4j-example", mixinStandardHelpOptions = true,
        description = "Trains a small DL4J classifier on seeded synthetic data.")
public final class Dl4jExample implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SyntheticDataOptions data;

    @Mixin
    BatchDelayOptions delay;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "50", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--graph", description = "Train a ComputationGraph instead of a MultiLayerNetwork.")
    boolean graph;

    @Option(names = "--regression-head", description = "Train a ComputationGraph with two output heads: the "
            + "classifier and a regression (MSE) of a continuous target.")
    boolean regressionHead;

    public static void main(String[] args) {
        System.exit(ExampleCommandLine.execute("dl4j-example", new Dl4jExample(), args));
    }

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        SyntheticClasses set = data.generate(spec);
        int trainSize = data.trainSize();
        List<DataSet> trainBatches = batches(set, 0, trainSize);
        List<DataSet> validBatches = batches(set, trainSize, data.samples);
        System.out.println("data: " + (regressionHead ? "ComputationGraph with a regression head"
                : graph ? "ComputationGraph" : "MultiLayerNetwork") + ", classes " + data.classes
                + ", train label counts " + Arrays.toString(set.counts(0, trainSize))
                + ", validation label counts " + Arrays.toString(set.counts(trainSize, data.samples))
                + ", " + trainBatches.size() + " train batches per epoch");

        Progress progress = new Progress(data.classes, trainBatches, validBatches, delay);
        Model model = regressionHead ? TwoHeadGraph.build(data.classes, data.seed, new CompletedBatches(progress))
                : graph ? buildGraph(progress) : buildNetwork(progress);
        DataSetIterator trainIterator = new BatchList(trainBatches);
        DataSetIterator validIterator = new BatchList(validBatches, progress::evaluating);
        Evaluation evaluation = null;
        TrainingTime time = TrainingTime.start();
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                progress.startEpoch();
                trainIterator.reset();
                if (regressionHead) {
                    TwoHeadGraph.fitEpoch((ComputationGraph) model, trainBatches);
                } else if (model instanceof ComputationGraph computationGraph) {
                    computationGraph.fit(trainIterator);
                } else {
                    ((MultiLayerNetwork) model).fit(trainIterator);
                }
                validIterator.reset();
                evaluation = regressionHead ? TwoHeadGraph.evaluate((ComputationGraph) model, validBatches, progress)
                        : model instanceof ComputationGraph computationGraph
                        ? computationGraph.evaluate(validIterator)
                        : ((MultiLayerNetwork) model).evaluate(validIterator);
                System.out.printf("epoch %d/%d: accuracy %.4f, %s%n", epoch, epochs, evaluation.accuracy(), progress);
            }
        } finally {
            // Printed however training ends (also when something stops it), for comparison with an observer.
            System.out.println("ran: " + progress);
        }
        time.print();
        // Scoring outside training (score(DataSet) calls the loss function too) is not training data.
        DataSet validation = DataSet.merge(validBatches);
        double validationScore = regressionHead ? ((ComputationGraph) model).score(TwoHeadGraph.withTarget(validation))
                : model instanceof ComputationGraph computationGraph
                ? computationGraph.score(validation) : ((MultiLayerNetwork) model).score(validation);
        System.out.printf("result: accuracy %.6f, f1 %.6f, score %.8f, validation score %.8f, params crc32 %08x%n",
                evaluation.accuracy(), evaluation.f1(), model.score(), validationScore,
                paramsChecksum(model.params()));
        return 0;
    }

    private List<DataSet> batches(SyntheticClasses set, int from, int to) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = from; start < to; start += batchSize) {
            int end = Math.min(to, start + batchSize);
            float[][] features = Arrays.copyOfRange(set.features, start, end);
            float[][] oneHot = new float[end - start][data.classes];
            for (int i = start; i < end; i++) {
                oneHot[i - start][set.labels[i]] = 1f;
            }
            batches.add(new DataSet(Nd4j.create(features), Nd4j.create(oneHot)));
        }
        return batches;
    }

    private MultiLayerNetwork buildNetwork(Progress progress) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(data.seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(SyntheticClasses.FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(data.classes).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        network.setListeners(new CompletedBatches(progress));
        return network;
    }

    private ComputationGraph buildGraph(Progress progress) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(data.seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(SyntheticClasses.FEATURES).nOut(16)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(data.classes).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph computationGraph = new ComputationGraph(conf);
        computationGraph.init();
        computationGraph.setListeners(new CompletedBatches(progress));
        return computationGraph;
    }

    /** Counts a batch once DL4J reports its iteration done (parameters updated). */
    static final class CompletedBatches extends BaseTrainingListener {
        private final Progress progress;

        CompletedBatches(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            progress.batchDone();
        }
    }

    private static long paramsChecksum(INDArray params) {
        CRC32 crc = new CRC32();
        for (float value : params.toFloatVector()) {
            int bits = Float.floatToRawIntBits(value);
            crc.update(bits);
            crc.update(bits >>> 8);
            crc.update(bits >>> 16);
            crc.update(bits >>> 24);
        }
        return crc.getValue();
    }
}
