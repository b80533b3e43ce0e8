package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.instrumentation.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;

/**
 * The bridge between the advice and the helpers that name DJL types ({@link DjlReader}, {@link DjlCapture},
 * {@link DjlCaptureListener}). The helpers are defined, from the agent jar's bytes, in a small class loader whose
 * parent is the loader of the DJL class that called: they see that DJL and the agent, wherever DJL was loaded (the
 * application loader, a child loader of a server or notebook), with no class injection and no Unsafe. One helper
 * loader per DJL class loader, made on first use.
 */
public final class DjlHelpers {
    static final String[] HELPERS = {
        DjlHelpers.class.getPackageName() + ".DjlReader",
        DjlHelpers.class.getPackageName() + ".DjlCapture",
        DjlHelpers.class.getPackageName() + ".DjlCaptureListener",
        DjlHelpers.class.getPackageName() + ".DjlBinaryLoss",
        DjlHelpers.class.getPackageName() + ".HostCopy",
        DjlHelpers.class.getPackageName() + ".BatchLayout",
        DjlHelpers.class.getPackageName() + ".BatchLayout$Remembered",
    };

    private static final ClassValue<DjlBatchReader> BY_CLASS = new ClassValue<>() {
        @Override
        protected DjlBatchReader computeValue(Class<?> djlType) {
            return forLoader(djlType.getClassLoader());
        }
    };
    private static final Map<ClassLoader, WeakReference<DjlBatchReader>> BY_LOADER = new WeakHashMap<>();

    private DjlHelpers() {
    }

    /**
     * Captures a batch for the DJL class {@code djlType} (the class the advice is inlined into), read as
     * {@code loss} (the Loss evaluating it) says.
     */
    public static void capture(Class<?> djlType, CaptureMode mode, Object labels, Object predictions, Object loss) {
        BY_CLASS.get(djlType).capture(mode, labels, predictions, loss);
    }

    /** The agent's TrainingListener, of the DJL that {@code djlType} belongs to. */
    public static Object listener(Class<?> djlType) {
        return BY_CLASS.get(djlType).listener();
    }

    private static DjlBatchReader forLoader(ClassLoader djlLoader) {
        synchronized (BY_LOADER) {
            WeakReference<DjlBatchReader> known = BY_LOADER.get(djlLoader);
            DjlBatchReader reader = known == null ? null : known.get();
            if (reader == null) {
                reader = define(djlLoader);
                BY_LOADER.put(djlLoader, new WeakReference<>(reader));
            }
            return reader;
        }
    }

    private static DjlBatchReader define(ClassLoader djlLoader) {
        try {
            ClassFileLocator agentClasses = Instrumentation.agentClassFiles();
            Map<String, byte[]> types = new LinkedHashMap<>();
            for (String name : HELPERS) {
                types.put(name, agentClasses.locate(name).resolve());
            }
            ClassLoader helperLoader = new ByteArrayClassLoader.ChildFirst(djlLoader, types,
                    ByteArrayClassLoader.PersistenceHandler.MANIFEST);
            return (DjlBatchReader) Class.forName(HELPERS[0], true, helperLoader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("cannot define the DJL helpers beside " + djlLoader + ": " + e, e);
        }
    }
}
