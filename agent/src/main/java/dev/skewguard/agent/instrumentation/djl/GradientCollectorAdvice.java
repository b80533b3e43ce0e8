package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the engines' {@code GradientCollector} implementations: tracks whether the current thread is
 * inside one (a hand-written loop's training step).
 */
public final class GradientCollectorAdvice {
    private GradientCollectorAdvice() {
    }

    /** At the end of a constructor. */
    public static final class Opened {
        private Opened() {
        }

        @Advice.OnMethodExit
        public static void exit() {
            try {
                DjlState.gradientCollectorOpened();
            } catch (Throwable t) {
                Capture.adviceError("djl", t);
            }
        }
    }

    /** At the end of {@code close()}. */
    public static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        public static void exit() {
            try {
                DjlState.gradientCollectorClosed();
            } catch (Throwable t) {
                Capture.adviceError("djl", t);
            }
        }
    }
}
