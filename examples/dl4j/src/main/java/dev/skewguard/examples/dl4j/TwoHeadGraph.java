package dev.skewguard.examples.dl4j;

import dev.skewguard.examples.common.SyntheticClasses;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A ComputationGraph with two output heads on one hidden layer, as multi-task models have: {@code class}, the
 * classifier (softmax, cross-entropy, one-hot labels [N, classes]), and {@code value}, a regression (identity, MSE)
 * of a continuous target [N, 1], the mean of each example's features. Trained one batch per {@code fit} call and
 * evaluated per head with {@code Evaluation} and {@code RegressionEvaluation}.
 */
final class TwoHeadGraph {
    private TwoHeadGraph() {
    }

    static ComputationGraph build(int classes, long seed, TrainingListener listener) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(SyntheticClasses.FEATURES).nOut(16)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("class", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(classes).activation(Activation.SOFTMAX).build(), "hidden")
                .addLayer("value", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(16).nOut(1).activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("class", "value")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.setListeners(listener);
        return graph;
    }

    /** The batch with both heads' labels: its one-hot classes, and the regression target. */
    static MultiDataSet withTarget(DataSet batch) {
        INDArray features = batch.getFeatures();
        INDArray target = features.mean(true, 1);
        return new MultiDataSet(new INDArray[] {features}, new INDArray[] {batch.getLabels(), target});
    }

    static void fitEpoch(ComputationGraph graph, List<DataSet> batches) {
        for (DataSet batch : batches) {
            graph.fit(withTarget(batch));
        }
    }

    /** Evaluates both heads; returns the classifier's evaluation (the regression head's is printed). */
    static Evaluation evaluate(ComputationGraph graph, List<DataSet> batches, Progress progress) {
        Evaluation classes = new Evaluation();
        RegressionEvaluation value = new RegressionEvaluation(1);
        for (int b = 0; b < batches.size(); b++) {
            progress.evaluating(b);
            MultiDataSet both = withTarget(batches.get(b));
            INDArray[] outputs = graph.output(both.getFeatures(0));
            classes.eval(both.getLabels(0), outputs[0]);
            value.eval(both.getLabels(1), outputs[1]);
        }
        System.out.printf("  value head: mean squared error %.6f%n", value.meanSquaredError(0));
        return classes;
    }
}
