package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined advice for methods whose spec reads the return value. Holds no state. On entry, the deliberate stop is
 * the only thing that may reach the application; on a normal exit the values are captured and every error is
 * suppressed and counted.
 */
public final class MethodsAdvice {
    private MethodsAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Capture.checkStop();
    }

    @Advice.OnMethodExit
    public static void exit(@SpecIndex int specIndex,
                            @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
        try {
            MethodsCapture.onExit(specIndex, args, returned);
        } catch (Throwable t) {
            Capture.adviceError("methods", t);
        }
    }
}
