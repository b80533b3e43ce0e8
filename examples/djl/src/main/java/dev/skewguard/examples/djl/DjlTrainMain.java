package dev.skewguard.examples.djl;

import dev.skewguard.examples.common.BatchDelayOptions;
import dev.skewguard.examples.common.ExampleCommandLine;
import dev.skewguard.examples.common.TrainingTime;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.BinaryAccuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a small classifier with DJL on synthetic data it makes itself (seeded, deterministic), fully offline, with
 * EasyTrain, a hand-written loop, or a loop without a Trainer.
 *
 * <p>Prints, per epoch and when it ends (also when training is stopped), its own true per-class label counts per
 * mode for the batches it completed (a training batch once its step ran), and, when training completes, one
 * deterministic result line.
 */
@Command(name = "djl-train", mixinStandardHelpOptions = true,
        description = "Trains a small DJL classifier on seeded synthetic data, offline.")
public final class DjlTrainMain implements Callable<Integer> {

    /**
     * The weight that makes DJL's {@code SigmoidBinaryCrossEntropyLoss(fromSigmoid = true)} a cross-entropy to
     * minimise: DJL 0.28.0 to 0.36.0 compute {@code log(p) * y + log(1 - p) * (1 - y)} there without the minus sign
     * (the logits branch has it), so a model trained on it as it is learns the opposite class (validation accuracy
     * near 0, every class mispredicted: skewguard's misprediction check fires on it). A weight of -1 restores the
     * sign. (Not measured at run time: a probe evaluating the loss would itself be a batch the agent captures.)
     */
    private static final float FROM_SIGMOID_WEIGHT = -1f;

    @Spec
    CommandSpec spec;

    @Option(names = "--classes", defaultValue = "4", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--minority-fraction", defaultValue = "-1",
            description = "Fraction of the samples in the last class; the others share the rest equally "
                    + "(default: 1/classes, balanced).")
    double minorityFraction;

    @Option(names = "--samples", defaultValue = "2000",
            description = "Samples in the data set, 80%% for training, 20%% for validation (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data and initial weights (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--engine", defaultValue = "PyTorch",
            description = "DJL engine: PyTorch or MXNet (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--loop", defaultValue = "EasyTrain",
            description = "EasyTrain (EasyTrain.fit), manual (a hand-written loop: Loss#evaluate, Trainer#step) or "
                    + "trainerless (no Trainer: Block#forward, the engine's GradientCollector, a ParameterStore) "
                    + "(default: ${DEFAULT-VALUE}).")
    String loop;

    @Option(names = "--no-validation", description = "Train only: no validation batches.")
    boolean noValidation;

    @Option(names = "--binary-output", defaultValue = "none",
            description = "A binary classifier with one output unit (needs --classes 2): logits (a Linear block of "
                    + "one unit, SigmoidBinaryCrossEntropyLoss) or sigmoid (the same block ending in a sigmoid, the "
                    + "loss built fromSigmoid), with BinaryAccuracy; none: one output per class and "
                    + "SoftmaxCrossEntropyLoss (default: ${DEFAULT-VALUE}).")
    String binaryOutput;

    @Option(names = "--label-shape", defaultValue = "flat",
            description = "Labels as a flat [B] array or a [B, 1] column (default: ${DEFAULT-VALUE}).")
    String labelShape;

    @Option(names = "--learning-rate", defaultValue = "0.05", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    /** With --loop EasyTrain: a pause after each training batch (its listener's notification). */
    @CommandLine.Mixin
    BatchDelayOptions delay;

    public static void main(String[] args) {
        // Never let DJL reach the network (engine start-up otherwise probes a cloud metadata address).
        System.setProperty("ai.djl.offline", "true");
        System.exit(ExampleCommandLine.execute("djl-train", new DjlTrainMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        validateOptions();
        double fraction = minorityFraction < 0 ? 1.0 / classes : minorityFraction;
        SyntheticData all = SyntheticData.generate(samples, classes, fraction, seed);
        int trainSize = samples * 4 / 5;
        SyntheticData trainData = all.slice(0, trainSize);
        SyntheticData validationData = all.slice(trainSize, samples);
        System.out.printf("djl-train: engine=%s loop=%s classes=%d minority-fraction=%.4f samples=%d "
                        + "epochs=%d batch-size=%d seed=%d binary-output=%s label-shape=%s%n",
                engine, loop, classes, fraction, samples, epochs, batchSize, seed, binaryOutput, labelShape);

        Engine.getEngine(engine).setRandomSeed(seed);
        LabelCounts trainCounts = new LabelCounts("train", classes);
        LabelCounts evalCounts = new LabelCounts("eval", classes);
        try (Model model = Model.newInstance("skewguard-djl-example", engine)) {
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(32).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(binary() ? 1 : classes).build());
            if (binaryOutput.equals("sigmoid")) {
                block.add(Activation::sigmoid);
            }
            model.setBlock(block);
            NDManager manager = model.getNDManager();
            ArrayDataset trainSet = dataset(manager, trainData);
            ArrayDataset validationSet = noValidation ? null : dataset(manager, validationData);
            Optimizer optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
            Shape inputShape = new Shape(batchSize, all.features);
            if (loop.equals("trainerless")) {
                TrainerlessLoop trainerless = new TrainerlessLoop(model, optimizer, inputShape);
                int epochsDone = train(trainCounts, evalCounts, epoch -> {
                    trainerless.trainEpoch(trainSet, trainCounts);
                    if (validationSet != null) {
                        trainerless.validateEpoch(validationSet, evalCounts);
                    }
                });
                printResult(model, epochsDone, accuracy(trainerless::predict, manager, validationData));
                return 0;
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss())
                    .optDevices(new Device[] {Device.cpu()})
                    .optOptimizer(optimizer);
            if (binary()) {
                config.addEvaluator(new BinaryAccuracy(binaryOutput.equals("sigmoid") ? 0.5f : 0f));
            }
            boolean manual = loop.equals("manual");
            if (!manual) {
                config.addTrainingListeners(new CountingListener(trainCounts, evalCounts, delay));
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                if (manual) {
                    ManualLoop.addAccumulators(trainer);
                }
                int epochsDone = train(trainCounts, evalCounts, epoch -> {
                    if (manual) {
                        ManualLoop.trainEpoch(trainer, trainSet, trainCounts);
                        if (validationSet != null) {
                            ManualLoop.validateEpoch(trainer, validationSet, evalCounts);
                        }
                    } else {
                        EasyTrain.fit(trainer, 1, trainSet, validationSet);
                    }
                });
                printResult(model, epochsDone, accuracy(trainer::evaluate, manager, validationData));
            }
        }
        return 0;
    }

    private boolean binary() {
        return !binaryOutput.equals("none");
    }

    /** The loss the output layer calls for. */
    private Loss loss() {
        switch (binaryOutput) {
            case "logits":
                return Loss.sigmoidBinaryCrossEntropyLoss();
            case "sigmoid":
                return new SigmoidBinaryCrossEntropyLoss("SigmoidBinaryCrossEntropyLoss", FROM_SIGMOID_WEIGHT, true);
            default:
                return Loss.softmaxCrossEntropyLoss();
        }
    }

    /** One epoch of training (and validation), however the loop is written. */
    private interface Epoch {
        void run(int epoch) throws Exception;
    }

    /**
     * Runs the epochs, printing the counts after each and once more however training ends, and the timing line
     * ({@link TrainingTime}) once they all ran; the epochs done.
     */
    private int train(LabelCounts trainCounts, LabelCounts evalCounts, Epoch epochRunner) throws Exception {
        int epochsDone = 0;
        TrainingTime time = TrainingTime.start();
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                epochRunner.run(epoch);
                epochsDone = epoch;
                System.out.printf("epoch %d/%d done%n", epoch, epochs);
                System.out.println("  " + trainCounts.line());
                System.out.println("  " + evalCounts.line());
            }
        } finally {
            // Runs also when training is stopped (an exception from inside a training step).
            System.out.println("final " + trainCounts.line());
            System.out.println("final " + evalCounts.line());
            System.out.flush();
        }
        time.print();
        return epochsDone;
    }

    private void printResult(Model model, int epochsDone, float accuracy) throws Exception {
        System.out.printf("result: engine=%s epochs=%d validation-accuracy=%.6f parameters-sha256=%s%n",
                engine, epochsDone, accuracy, parametersDigest(model));
    }

    private void validateOptions() {
        if (classes < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--classes must be at least 2, got " + classes);
        }
        if (minorityFraction >= 0 && (minorityFraction <= 0 || minorityFraction >= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--minority-fraction must be between 0 and 1 (exclusive), got " + minorityFraction);
        }
        if (samples < 5 * classes || epochs < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--samples must be at least 5 x classes, --epochs and --batch-size at least 1");
        }
        if (!loop.equals("EasyTrain") && !loop.equals("manual") && !loop.equals("trainerless")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--loop must be EasyTrain, manual or trainerless, got " + loop);
        }
        if (!binaryOutput.equals("none") && !binaryOutput.equals("logits") && !binaryOutput.equals("sigmoid")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--binary-output must be none, logits or sigmoid, got " + binaryOutput);
        }
        if (binary() && (classes != 2 || loop.equals("trainerless"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--binary-output needs --classes 2 and a Trainer (--loop EasyTrain or manual)");
        }
        if (!labelShape.equals("flat") && !labelShape.equals("column")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--label-shape must be flat or column, got " + labelShape);
        }
        if (!engine.equals("PyTorch") && !engine.equals("MXNet")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--engine must be PyTorch or MXNet, got " + engine);
        }
    }

    private ArrayDataset dataset(NDManager manager, SyntheticData data) {
        NDArray x = manager.create(data.x, new Shape(data.size(), data.features));
        NDArray y = manager.create(data.y,
                labelShape.equals("column") ? new Shape(data.size(), 1) : new Shape(data.size()));
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batchSize, false).build();
    }

    /**
     * Accuracy of the trained model over the validation split (plain inference: no loss, no listeners), computed
     * whether or not the loop validated.
     */
    private float accuracy(Function<NDList, NDList> model, NDManager manager, SyntheticData validationData)
            throws Exception {
        long correct = 0;
        long total = 0;
        for (Batch batch : dataset(manager, validationData).getData(manager)) {
            try (batch) {
                NDList predictions = model.apply(batch.getData());
                try (NDArray predicted = predictedClasses(predictions.head());
                        NDArray labels = batch.getLabels().head().toType(DataType.INT32, true)) {
                    int[] p = predicted.toIntArray();
                    int[] l = labels.toIntArray();
                    for (int i = 0; i < l.length; i++) {
                        correct += p[i] == l[i] ? 1 : 0;
                    }
                    total += l.length;
                }
            }
        }
        return total == 0 ? 0f : (float) correct / total;
    }

    /** The predicted class of each row: the argmax, or for one output whether it is above the threshold. */
    private NDArray predictedClasses(NDArray outputs) {
        if (!binary()) {
            return outputs.argMax(-1).toType(DataType.INT32, true);
        }
        float threshold = binaryOutput.equals("sigmoid") ? 0.5f : 0f;
        return outputs.gt(threshold).toType(DataType.INT32, true).flatten();
    }

    /** SHA-256 over every trained parameter's bytes: equal digests mean bit-identical weights. */
    private static String parametersDigest(Model model) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            digest.update(parameter.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(parameter.getValue().getArray().toByteArray());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
