package dev.skewguard.agent.instrumentation.djl;

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

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * DJL (Deep Java Library) 0.35: labels and predictions of every training and validation batch, on any engine that
 * trains (PyTorch, MXNet). Tensor names {@code djl/train/labels}, {@code djl/train/predictions},
 * {@code djl/eval/...}.
 *
 * <ul>
 *   <li>{@code ai.djl.training.Trainer#notifyListeners}: the agent's listener sees each
 *       {@code onTrainingBatch} / {@code onValidationBatch} (EasyTrain, and loops that notify listeners);</li>
 *   <li>{@code Loss#evaluate} in every {@code ai.djl.training.loss.Loss}: hand-written loops, once per batch;</li>
 *   <li>{@code Trainer#step}: the step number; {@code EasyTrain#trainBatch/validateBatch} and the engines'
 *       {@code GradientCollector}: which path owns a batch, and its mode.</li>
 * </ul>
 * Types are matched by name; no DJL class is loaded by the agent.
 */
public final class DjlInstrumentation implements Instrumentation {
    static final String PACKAGE = "dev.skewguard.agent.instrumentation.djl";

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AgentConfig config) {
        DjlHelperInjector helpers = new DjlHelperInjector();
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(DjlInstrumentation.class.getClassLoader());
        TypePool pool = TypePool.Default.of(locator);
        return builder
                .type(named("ai.djl.training.Trainer"))
                .transform(helpers)
                .transform((b, type, loader, module, domain) -> b
                        .visit(advice(pool, locator, "NotifyListenersAdvice")
                                .on(named("notifyListeners").and(takesArguments(1))))
                        .visit(advice(pool, locator, "StepAdvice").on(named("step").and(takesArguments(0)))))
                .type(named("ai.djl.training.EasyTrain"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(advice(pool, locator, "EasyTrainBatchAdvice")
                                .on(namedOneOf("trainBatch", "validateBatch").and(takesArguments(2)))))
                .type(not(isInterface()).and(not(isAbstract()))
                        .and(hasSuperType(named("ai.djl.training.loss.Loss"))))
                .transform(helpers)
                .transform((b, type, loader, module, domain) -> b
                        .visit(advice(pool, locator, "LossEvaluateAdvice")
                                .on(named("evaluate").and(not(isAbstract())).and(takesArguments(2))
                                        .and(takesArgument(0, named("ai.djl.ndarray.NDList")))
                                        .and(takesArgument(1, named("ai.djl.ndarray.NDList"))))))
                .type(nameStartsWith("ai.djl.").and(not(isInterface()))
                        .and(hasSuperType(named("ai.djl.training.GradientCollector"))))
                .transform((b, type, loader, module, domain) -> b
                        .visit(advice(pool, locator, "GradientCollectorAdvice$Opened").on(isConstructor()))
                        .visit(advice(pool, locator, "GradientCollectorAdvice$Closed")
                                .on(named("close").and(takesArguments(0)))));
    }

    /** Advice read from the agent jar's bytes by name, so that the advice class (naming DJL types) is never loaded. */
    private static Advice advice(TypePool pool, ClassFileLocator locator, String simpleName) {
        return Advice.to(pool.describe(PACKAGE + "." + simpleName).resolve(), locator);
    }
}
