package dev.skewguard.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.skewguard.agent.instrumentation.AdviceRules;
import java.lang.instrument.ClassFileTransformer;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/**
 * The first class a framework has instrumented used to cost its loading thread about 0.1 s more than the next ones:
 * byte-buddy's advice machinery (advice parsing, ASM, stack map frames) loads and runs for the first time. Right
 * after the set-up (when the class that set it up is not itself instrumented: {@link LazyInstaller}), on its own
 * short-lived daemon thread, the agent inlines an advice like the instrumentations' into a class of its own
 * ({@link Target}) and throws the result away, so that the framework's class, loaded a moment later, finds that
 * machinery ready. Never throws; nothing it does is visible to the application.
 */
final class AdviceWarmUp implements Runnable {
    private final AdviceTransformer transformer;

    private AdviceWarmUp(AdviceTransformer transformer) {
        this.transformer = transformer;
    }

    /** Starts the warm-up of an {@link AdviceTransformer} (nothing for another transformer): LazyInstaller's hook. */
    static final Consumer<ClassFileTransformer> STARTER = new Consumer<ClassFileTransformer>() {
        @Override
        public void accept(ClassFileTransformer transformer) {
            if (transformer instanceof AdviceTransformer) {
                start((AdviceTransformer) transformer);
            }
        }
    };

    /** Starts the warm-up on a daemon thread of its own; it ends when the one transformation is done. */
    static void start(AdviceTransformer transformer) {
        try {
            Thread thread = new Thread(new AdviceWarmUp(transformer), "skewguard-warmup");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable t) {
            // no warm-up: the first framework class pays it, as it would have
        }
    }

    /** The warm-up's one rule: both probes into {@link Target#run}. */
    static List<AdviceRules.TypeRule> rules() {
        AdviceRules rules = new AdviceRules();
        rules.type(named(Target.class.getName()))
                .advice(named("run"), Probe.class.getName())
                .advice(named("run"), ProbeOnExit.class.getName());
        return rules.rules();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        boolean done = transformer.warmUp(rules(), Target.class.getName());
        AgentLog.debug("advice machinery " + (done ? "warmed up" : "not warmed up (the first framework class warms"
                + " it up)") + " in " + (System.nanoTime() - start) / 1_000_000 + " ms, off the application's threads");
    }

    /** What the warm-up instruments: a method with arguments, a return value and a field. */
    static final class Target {
        private Object state;

        Object run(Object first, Object second) {
            state = first != null ? first : second;
            return state;
        }
    }

    /** Entry advice as the instrumentations write it: this, arguments, origin, suppressed errors. */
    static final class Probe {
        private Probe() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Object first,
                             @Advice.Origin Class<?> type) {
            try {
                return self != null && first != type;
            } catch (Throwable t) {
                return false;
            }
        }
    }

    /** Exit advice as the instrumentations write it: on throwable, the return value, all arguments, a field. */
    static final class ProbeOnExit {
        private ProbeOnExit() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC)
                         Object returned,
                         @Advice.AllArguments(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing
                                 .DYNAMIC) Object[] arguments,
                         @Advice.FieldValue("state") Object state) {
            try {
                if (returned == state && arguments.length == 0) {
                    throw new IllegalStateException();
                }
            } catch (Throwable t) {
                // as the instrumentations' advice: never out of the advice
            }
        }
    }
}
