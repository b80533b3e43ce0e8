package dev.skewguard.agent.instrumentation.tensorflow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.skewguard.agent.capture.HeldCaptures;
import dev.skewguard.agent.capture.TrainingWatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;
import java.util.Set;

/**
 * TensorFlow Java (graph mode): every Session run, through {@code Session$Runner#runHelper(boolean)}
 * ({@link SessionRunAdvice}). The fed tensors and fetched outputs whose names match the job's labels_regex or
 * predictions_regex are sent under the program's own names ({@code labels:0}, {@code predictions:0}); which regexes
 * is said in {@link TfTensorNames}, how tensors become batches and modes in {@link TfRun} and {@link TfRuns}.
 * Eager-mode operations do not pass through a Session and are not captured.
 * Supported releases (1.0.0 to 1.1.0): {@link TensorflowReleases}.
 */
public final class TensorflowInstrumentation implements Instrumentation {
    static final String NAME = "tensorflow";

    private static final String RUNNER = "org.tensorflow.Session$Runner";

    @Override
    public String name() {
        return NAME;
    }

    /** The releases tested, and what the advice needs of a release: {@link TensorflowReleases}. */
    @Override
    public SupportedReleases supportedReleases() {
        return TensorflowReleases.supported();
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(TfOptions.LABELS_KEY, TfOptions.PREDICTIONS_KEY);
    }

    /**
     * TensorFlow Java's core, not all of {@code org.tensorflow.}: other libraries bundle TensorFlow's protocol
     * classes under that name (ND4J's {@code nd4j-api} carries {@code org.tensorflow.framework.*}), and they must not
     * set byte-buddy up in a job that never runs a Session. Every Graph and EagerSession loads
     * {@code ExecutionEnvironment} first, long before the first Session (in the example 0.19 s against 0.75 s after
     * start), so the sender still warms up early; {@code Session} itself is listed for whatever reaches a Session
     * another way.
     */
    static final Set<String> PREFIXES = Set.of("org.tensorflow.ExecutionEnvironment", "org.tensorflow.Session");

    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        return PREFIXES;
    }

    /** The one class the matcher below names. */
    @Override
    public boolean mayTransform(LoadingClass type) {
        return type.isNamed("org/tensorflow/Session$Runner");
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        TfTensorNames.useOptions(TfOptions.selection(config));
        HeldCaptures.register(TfHeldRuns.INSTANCE);
        TrainingWatch.hint(NAME, TfRuns::whatToDo);
        rules.type(named(RUNNER))
                .advice(named("runHelper").and(takesArguments(boolean.class)),
                        TensorflowInstrumentation.class.getPackage().getName() + ".SessionRunAdvice");
    }

    @Override
    public List<String> exitWarnings() {
        return TfRuns.exitWarnings();
    }
}
