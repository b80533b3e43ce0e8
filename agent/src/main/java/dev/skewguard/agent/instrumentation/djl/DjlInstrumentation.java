package dev.skewguard.agent.instrumentation.djl;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
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
 * DJL (Deep Java Library): labels and predictions of every training and validation batch, on any engine that
 * trains (PyTorch, MXNet). Tensor names {@code djl/train/labels}, {@code djl/train/predictions},
 * {@code djl/eval/...}.
 *
 * <ul>
 *   <li>{@code ai.djl.training.Trainer#notifyListeners}: the agent's listener sees each
 *       {@code onTrainingBatch} / {@code onValidationBatch} (EasyTrain, and loops that notify listeners);</li>
 *   <li>{@code Loss#evaluate} in every {@code ai.djl.training.loss.Loss}: hand-written loops, once per batch;</li>
 *   <li>{@code Trainer#step}, and the engines' {@code GradientCollector}s that {@code Trainer#newGradientCollector}
 *       did not open (loops without a Trainer): the step number;</li>
 *   <li>{@code EasyTrain#trainBatch/validateBatch} and the engines' {@code GradientCollector}: which path owns a
 *       batch, and its mode.</li>
 * </ul>
 * Types are matched by name; no DJL class is loaded by the agent.
 * Supported releases (0.28.0 to 0.36.0): {@link DjlReleases}.
 */
public final class DjlInstrumentation implements Instrumentation {
    static final String PACKAGE = "dev.skewguard.agent.instrumentation.djl";

    @Override
    public String name() {
        return "djl";
    }

    /** The releases tested, and what the advice needs of a release: {@link DjlReleases}. */
    @Override
    public SupportedReleases supportedReleases() {
        return DjlReleases.supported();
    }

    /** Every DJL class; a user's own Loss subclass loads after DJL's classes, so it is matched too. */
    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        return Set.of("ai.djl.");
    }

    /**
     * The classes the matchers below can match: Trainer and EasyTrain by name, a Loss (it declares
     * evaluate(NDList, NDList), so its class file names both), a GradientCollector of DJL's (it declares backward).
     */
    @Override
    public boolean mayTransform(LoadingClass type) {
        return type.isNamed("ai/djl/training/Trainer") || type.isNamed("ai/djl/training/EasyTrain")
                || (type.mentions("evaluate") && type.mentions("ai/djl/ndarray/NDList"))
                || (type.nameStartsWith("ai/djl/") && type.mentions("backward"));
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        TrainingWatch.hint(name(), () -> "the agent reads the labels and predictions of each batch where the Trainer"
                + " notifies its listeners (EasyTrain) or where a Loss evaluates them; if your loop computes its loss"
                + " another way, name the method that sees both: methods=com.acme.Loop#step:labels=arg0,predictions=arg1"
                + " (docs/frameworks/djl.md)");
        rules.type(named("ai.djl.training.Trainer"))
                .advice(named("notifyListeners").and(takesArguments(1)), PACKAGE + ".NotifyListenersAdvice")
                .advice(named("step").and(takesArguments(0)), PACKAGE + ".StepAdvice")
                .advice(named("newGradientCollector").and(takesArguments(0)), PACKAGE + ".TrainerCollectorAdvice");
        rules.type(named("ai.djl.training.EasyTrain"))
                .advice(namedOneOf("trainBatch", "validateBatch").and(takesArguments(2)),
                        PACKAGE + ".EasyTrainBatchAdvice");
        // Cheap tests first: only a class that declares evaluate(x, y) has its hierarchy looked at.
        rules.type(declaresMethod(named("evaluate").and(takesArguments(2)))
                        .and(not(isInterface())).and(not(isAbstract()))
                        .and(hasSuperType(named("ai.djl.training.loss.Loss"))))
                .advice(named("evaluate").and(not(isAbstract())).and(takesArguments(2))
                                .and(takesArgument(0, named("ai.djl.ndarray.NDList")))
                                .and(takesArgument(1, named("ai.djl.ndarray.NDList"))),
                        PACKAGE + ".LossEvaluateAdvice");
        // The engines' collectors (PtGradientCollector, MxGradientCollector) each declare backward.
        rules.type(nameStartsWith("ai.djl.").and(declaresMethod(named("backward")))
                        .and(not(isInterface()))
                        .and(hasSuperType(named("ai.djl.training.GradientCollector"))))
                .advice(isConstructor(), PACKAGE + ".GradientCollectorAdvice$Opened")
                .advice(named("close").and(takesArguments(0)), PACKAGE + ".GradientCollectorAdvice$Closed");
    }
}
