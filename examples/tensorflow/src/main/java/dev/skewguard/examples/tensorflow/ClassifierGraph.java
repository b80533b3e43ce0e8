package dev.skewguard.examples.tensorflow;

import dev.skewguard.examples.common.SyntheticClasses;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The graph: features [N, 8] -> dense 32 (relu) -> logits [N, C]; {@code predictions} = softmax(logits); the loss is
 * the mean softmax cross entropy against one-hot labels (fed one-hot, or as class ids one-hot in the graph:
 * TensorFlow Java 1.1.0 has no gradient for the sparse variant); {@code minimize} is Adam's. Weights start from a
 * seeded Java Random.
 */
final class ClassifierGraph {
    /** How labels are fed. */
    enum LabelFeed { onehot, ids }

    /** What runs fetch. */
    enum Fetch { predictions, loss }

    private static final int HIDDEN = 32;

    private final int classes;
    private final LabelFeed labelFeed;
    private final Placeholder<TFloat32> features;
    private final Placeholder<? extends TNumber> labels;
    private final Operand<TFloat32> predictions;
    private final Operand<TFloat32> loss;
    private final Op minimize;

    ClassifierGraph(Graph graph, int classes, long seed, float learningRate, LabelFeed labelFeed, String labelsName,
                    String predictionsName) {
        this.classes = classes;
        this.labelFeed = labelFeed;
        Ops tf = Ops.create(graph);
        Random random = new Random(seed);
        features = tf.withName("features").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, SyntheticClasses.FEATURES)));
        Operand<TFloat32> oneHot;
        if (labelFeed == LabelFeed.onehot) {
            Placeholder<TFloat32> fed = tf.withName(labelsName).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, classes)));
            labels = fed;
            oneHot = fed;
        } else {
            Placeholder<TInt32> fed = tf.withName(labelsName).placeholder(TInt32.class,
                    Placeholder.shape(Shape.of(-1)));
            labels = fed;
            oneHot = tf.oneHot(fed, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        }
        Variable<TFloat32> w1 = tf.variable(tf.constant(weights(random, SyntheticClasses.FEATURES, HIDDEN)));
        Variable<TFloat32> b1 = tf.variable(tf.zeros(tf.constant(new int[] {HIDDEN}), TFloat32.class));
        Variable<TFloat32> w2 = tf.variable(tf.constant(weights(random, HIDDEN, classes)));
        Variable<TFloat32> b2 = tf.variable(tf.zeros(tf.constant(new int[] {classes}), TFloat32.class));
        Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(features, w1), b1));
        Operand<TFloat32> logits = tf.withName("logits").math.add(tf.linalg.matMul(hidden, w2), b2);
        predictions = tf.withName(predictionsName).nn.softmax(logits);
        loss = tf.withName("loss").math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
                tf.constant(0));
        minimize = new Adam(graph, learningRate).minimize(loss);
    }

    private static float[][] weights(Random random, int in, int out) {
        float[][] w = new float[in][out];
        double scale = Math.sqrt(2.0 / in);
        for (float[] row : w) {
            for (int j = 0; j < out; j++) {
                row[j] = (float) (random.nextGaussian() * scale);
            }
        }
        return w;
    }

    /** One training step on samples [from, to): a run with Adam's minimize as target; returns the batch's loss. */
    float train(Session session, SyntheticClasses set, int from, int to, Fetch fetch) {
        try (TFloat32 x = features(set, from, to); Tensor y = labels(set, from, to)) {
            Session.Runner runner = session.runner().feed(features, x).feed(labels, y).addTarget(minimize)
                    .fetch(loss);
            if (fetch == Fetch.predictions) {
                runner.fetch(predictions);
            }
            try (Result result = runner.run()) {
                return ((TFloat32) result.get(0)).getFloat();
            }
        }
    }

    /** One evaluation run on samples [from, to) (no target); returns how many it predicted right. */
    int evaluate(Session session, SyntheticClasses set, int from, int to) {
        try (TFloat32 x = features(set, from, to); Tensor y = labels(set, from, to);
             Result result = session.runner().feed(features, x).feed(labels, y).fetch(predictions).run()) {
            TFloat32 p = (TFloat32) result.get(0);
            int correct = 0;
            for (int i = from; i < to; i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p.getFloat(i - from, c) > p.getFloat(i - from, best)) {
                        best = c;
                    }
                }
                correct += best == set.labels[i] ? 1 : 0;
            }
            return correct;
        }
    }

    private static TFloat32 features(SyntheticClasses set, int from, int to) {
        float[][] rows = new float[to - from][];
        System.arraycopy(set.features, from, rows, 0, to - from);
        return TFloat32.tensorOf(StdArrays.ndCopyOf(rows));
    }

    private Tensor labels(SyntheticClasses set, int from, int to) {
        if (labelFeed == LabelFeed.ids) {
            return TInt32.vectorOf(java.util.Arrays.copyOfRange(set.labels, from, to));
        }
        float[][] oneHot = new float[to - from][classes];
        for (int i = from; i < to; i++) {
            oneHot[i - from][set.labels[i]] = 1f;
        }
        return TFloat32.tensorOf(StdArrays.ndCopyOf(oneHot));
    }
}
