package dev.skewguard.agent.instrumentation.dl4j;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.skewguard.agent.capture.TrainingWatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.Set;

/**
 * DL4J (Deeplearning4j): captures every training iteration of MultiLayerNetwork and ComputationGraph
 * (tensors {@code dl4j/train/labels}, {@code dl4j/train/predictions}) and every batch given to
 * {@code Evaluation#eval} ({@code dl4j/eval/...}).
 *
 * <ul>
 *   <li>{@code MultiLayerNetwork/ComputationGraph#computeGradientAndScore()}: marks the thread as inside a training
 *       iteration (step = the model's iteration count) and is where a stop (on_stop=throw) is thrown, before the
 *       iteration does any work;</li>
 *   <li>{@code ILossFunction#computeScore(labels, preOutput, activationFn, mask, average)} of every loss function,
 *       only inside such an iteration (so {@code score(DataSet)} and other scoring outside training is not
 *       counted), only the outermost call (a loss delegating to {@code super.computeScore} counts once), and only
 *       a classifier's output ({@link ClassifierOutputs}; a ComputationGraph's regression head is left out);</li>
 *   <li>{@code Evaluation#eval(labels, predictions, mask, recordMetaData)}, which every {@code eval} overload and
 *       {@code evaluate(...)} end in.</li>
 * </ul>
 * All types are matched by name; the framework is never loaded by the agent.
 * Supported releases (1.0.0-beta7 to 1.0.0-M2.1): {@link Dl4jReleases}.
 */
public final class Dl4jInstrumentation implements Instrumentation {
    static final String NAME = "dl4j";

    private static final String MULTI_LAYER_NETWORK = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
    private static final String COMPUTATION_GRAPH = "org.deeplearning4j.nn.graph.ComputationGraph";
    private static final String LOSS_FUNCTION = "org.nd4j.linalg.lossfunctions.ILossFunction";
    private static final String EVALUATION = "org.nd4j.evaluation.classification.Evaluation";
    private static final String INDARRAY = "org.nd4j.linalg.api.ndarray.INDArray";

    @Override
    public String name() {
        return NAME;
    }

    /** The releases tested, and what the advice needs of a release: {@link Dl4jReleases}. */
    @Override
    public SupportedReleases supportedReleases() {
        return Dl4jReleases.supported();
    }

    /** DL4J's and ND4J's packages; a user's own loss function loads after ND4J's classes. */
    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        return Set.of("org.deeplearning4j.", "org.nd4j.");
    }

    /**
     * The classes the matchers below can match: three by name, and loss functions (they declare
     * computeScore(INDArray, INDArray, IActivation, INDArray, boolean), so their class files name IActivation).
     */
    @Override
    public boolean mayTransform(LoadingClass type) {
        return type.isNamed("org/deeplearning4j/nn/multilayer/MultiLayerNetwork")
                || type.isNamed("org/deeplearning4j/nn/graph/ComputationGraph")
                || type.isNamed("org/nd4j/evaluation/classification/Evaluation")
                || (type.mentions("computeScore") && type.mentions("org/nd4j/linalg/activations/IActivation"));
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        TrainingWatch.hint(NAME, () -> "the agent reads the labels and output of each classifier output layer's loss"
                + " (ILossFunction#computeScore with labels [N, C] or [N, 1]); a custom output layer or a loss computed"
                + " another way is not read: name the method that sees both with methods= (docs/frameworks/dl4j.md)");
        String pkg = Dl4jInstrumentation.class.getPackage().getName() + ".";
        rules.type(named(MULTI_LAYER_NETWORK))
                .advice(named("computeGradientAndScore").and(takesArguments(0)), pkg + "MultiLayerNetworkStepAdvice");
        rules.type(named(COMPUTATION_GRAPH))
                .advice(named("computeGradientAndScore").and(takesArguments(0)), pkg + "ComputationGraphStepAdvice");
        // Cheap tests first: only a class that declares computeScore has its hierarchy looked at.
        rules.type(declaresMethod(named("computeScore")).and(not(isInterface()))
                                .and(hasSuperType(named(LOSS_FUNCTION))),
                        new ClassLoaderHasClass(LOSS_FUNCTION))
                .advice(named("computeScore").and(takesArguments(5)).and(not(isAbstract()))
                        .and(takesArgument(0, named(INDARRAY))), pkg + "LossScoreAdvice");
        rules.type(named(EVALUATION))
                .advice(named("eval").and(takesArguments(4)).and(takesArgument(0, named(INDARRAY))),
                        pkg + "EvaluationAdvice");
    }
}
