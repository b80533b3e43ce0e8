package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined advice for methods whose spec reads arguments only (so void methods work too). Holds no state. */
public final class MethodsArgsAdvice {
    private MethodsArgsAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Capture.checkStop();
    }

    @Advice.OnMethodExit
    public static void exit(@SpecIndex int specIndex,
                            @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
        try {
            MethodsCapture.onExit(specIndex, args, null);
        } catch (Throwable t) {
            Capture.adviceError("methods", t);
        }
    }
}
