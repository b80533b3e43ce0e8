package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.stop.SkewguardStopException;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code Trainer#notifyListeners(Consumer)}: gives the same notification to the agent's
 * {@link DjlCaptureListener} after the user's listeners had it. Only the agent's stop passes through. Names no DJL
 * type (the listener comes through {@link DjlHelpers}).
 */
public final class NotifyListenersAdvice {
    private NotifyListenersAdvice() {
    }

    @Advice.OnMethodExit
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void exit(@Advice.Origin Class<?> trainer, @Advice.Argument(0) Consumer notification) {
        try {
            if (notification != null) {
                notification.accept(DjlHelpers.listener(trainer));
            }
        } catch (SkewguardStopException stop) {
            throw stop;
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
