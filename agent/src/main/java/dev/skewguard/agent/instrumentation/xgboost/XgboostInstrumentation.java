package dev.skewguard.agent.instrumentation.xgboost;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.skewguard.agent.capture.TrainingWatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;

/**
 * XGBoost4J: per boosting round, the labels and predictions of the training matrix
 * ({@code xgboost/train/labels}, {@code xgboost/train/predictions}) and of every other watched matrix
 * ({@code xgboost/eval/...}).
 *
 * <ul>
 *   <li>{@code Booster#update(DMatrix, int[, IObjective])}: one round. A stop (on_stop=throw) is thrown when a round
 *       starts; when it has returned, the training matrix's labels ({@code DMatrix#getLabel()}) and predictions (an
 *       extra {@code Booster#predict(DMatrix)}) are captured;</li>
 *   <li>{@code Booster#evalSet(DMatrix[], String[], int)} and {@code evalSet(DMatrix[], String[], IEvaluation,
 *       float[])} (every evalSet overload ends in one of them, as does {@code XGBoost.train} with watches): each
 *       watched matrix other than the training matrix is captured in eval mode.</li>
 * </ul>
 * Rounds run in native code, so predictions cost one extra predict per matrix and round: {@code xgboost_every=N}
 * (see {@link XgboostOptions}) captures every N-th round only. Labels that are not class ids (regression) are
 * skipped before any predict.
 * Supported releases (1.7.6 to 3.4.0): {@link XgboostReleases}.
 */
public final class XgboostInstrumentation implements Instrumentation {
    static final String NAME = "xgboost";

    private static final String BOOSTER = "ml.dmlc.xgboost4j.java.Booster";
    private static final String DMATRIX = "ml.dmlc.xgboost4j.java.DMatrix";
    private static final String IEVALUATION = "ml.dmlc.xgboost4j.java.IEvaluation";

    @Override
    public String name() {
        return NAME;
    }

    /** The releases tested, and what the advice needs of a release: {@link XgboostReleases}. */
    @Override
    public SupportedReleases supportedReleases() {
        return XgboostReleases.supported();
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(XgboostOptions.KEY);
    }

    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        return Set.of("ml.dmlc.xgboost4j.");
    }

    /** The one class the matcher below names. */
    @Override
    public boolean mayTransform(LoadingClass type) {
        return type.isNamed("ml/dmlc/xgboost4j/java/Booster");
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        TrainingWatch.hint(NAME, () -> "the agent reads each round's training labels (DMatrix#getLabel) as class ids,"
                + " whole numbers >= 0, as classification objectives (binary:logistic, multi:softprob, multi:softmax)"
                + " have them; a regression objective is not captured (docs/frameworks/xgboost.md)");
        XgboostRounds.captureEvery(XgboostOptions.every(config));
        String pkg = XgboostInstrumentation.class.getPackage().getName() + ".";
        rules.type(named(BOOSTER))
                .advice(named("update").and(takesArgument(0, named(DMATRIX)))
                        .and(takesArgument(1, int.class)), pkg + "BoosterUpdateAdvice")
                .advice(named("evalSet").and(takesArgument(0, XgboostInstrumentation::isDMatrixArray)).and(
                        takesArguments(3).and(takesArgument(2, int.class))
                                .or(takesArguments(4).and(takesArgument(2, named(IEVALUATION))))),
                        pkg + "BoosterEvalSetAdvice");
    }

    private static boolean isDMatrixArray(TypeDescription type) {
        return type.isArray() && type.getComponentType().getName().equals(DMATRIX);
    }
}
