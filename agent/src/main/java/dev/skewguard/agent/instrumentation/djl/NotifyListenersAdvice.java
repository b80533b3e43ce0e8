package dev.skewguard.agent.instrumentation.djl;

import ai.djl.training.listener.TrainingListener;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.stop.SkewguardStopException;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code Trainer#notifyListeners(Consumer)}: gives the same notification to the agent's
 * {@link DjlCaptureListener} after the user's listeners had it. Only the agent's stop passes through.
 */
public final class NotifyListenersAdvice {
    private NotifyListenersAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Argument(0) Consumer<TrainingListener> notification) {
        try {
            if (notification != null) {
                notification.accept(DjlCaptureListener.INSTANCE);
            }
        } catch (SkewguardStopException stop) {
            throw stop;
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
