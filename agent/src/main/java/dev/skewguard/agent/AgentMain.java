package dev.skewguard.agent;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.HeldCaptures;
import dev.skewguard.agent.capture.TrainingWatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.ConfigLoader;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.Instrumentations;
import dev.skewguard.agent.report.ExitHook;
import dev.skewguard.agent.report.ExitSummary;
import dev.skewguard.agent.report.MatchedTypes;
import dev.skewguard.agent.report.StartupCost;
import dev.skewguard.agent.stop.StopController;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * The agent itself, started by {@link SkewguardAgent} ({@code -javaagent:skewguard-agent.jar[=options]}, or attach to
 * a running JVM). Reads the options, installs the capture path and the enabled instrumentations. Nothing here touches
 * the network or loads gRPC: the sender warms up and connects on a thread of its own (connect_early) once an
 * instrumented framework's first class loads, or at once when methods= names methods to capture (with
 * connect_early=false, it connects on the first captured batch). Nothing here can keep the application from
 * starting: every failure becomes one line on standard error.
 */
public final class AgentMain {
    /** The methods instrumentation's name (a constant: naming it loads no class). */
    private static final String METHODS = dev.skewguard.agent.instrumentation.methods.MethodsCapture.NAME;
    private static volatile boolean installed;

    private AgentMain() {
    }

    /**
     * Starts the agent once; a second attach is refused with a warning.
     *
     * @param agentJar     the agent's jar, or null when its classes do not come from one (tests)
     * @param attachedLate attached to a running JVM: its classes are already loaded
     */
    public static synchronized void start(String args, java.lang.instrument.Instrumentation inst,
                                          java.util.jar.JarFile agentJar, boolean attachedLate) {
        if (installed) {
            AgentLog.warn("agent already attached; ignoring a second attach");
            return;
        }
        try {
            installed = true;
            AgentJar.set(agentJar);
            install(args, inst, attachedLate);
        } catch (Throwable t) {
            AgentLog.warn("agent failed to start (" + AgentLog.describe(t) + "); the application runs without it");
        }
    }

    /** For debug=true: which loader defined the agent's classes, and if not the bootstrap loader, why. */
    private static String whereClassesCameFrom(AgentConfig config) {
        if (AgentMain.class.getClassLoader() == null) {
            return "agent classes on the bootstrap class path (loaded unverified), the transport in its own loader";
        }
        String line = "agent classes on the application class path";
        if (AgentJar.get() == null) {
            return line;
        }
        return line + (config.bootstrap() ? " (the agent jar could not be added to the bootstrap class path: a slower"
                + " start, the same behaviour)" : " (bootstrap=false)");
    }

    private static void install(String args, java.lang.instrument.Instrumentation inst, boolean attachedLate) {
        // The agent's (relocated) byte-buddy needs no sun.misc.Unsafe: its safe mode keeps JDK 24+ from printing
        // "terminally deprecated method" warnings into the application's output. The property name is relocated
        // with byte-buddy, so the application's own byte-buddy is not affected.
        if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
            System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        }
        List<Instrumentation> all = Instrumentations.load(AgentMain.class.getClassLoader());
        AgentConfig config = ConfigLoader.load(args, Instrumentations.names(all),
                Instrumentations.optionKeys(all));
        AgentLog.enableDebug(config.debug());
        AgentLog.debug(whereClassesCameFrom(config));
        for (String warning : config.warnings()) {
            AgentLog.warn(warning);
        }
        StopController.configure(config.onStop(), config.stopGraceSeconds(), config.exitCode());
        LazySender sender = new LazySender(config);
        BatchQueue queue = new BatchQueue(config.buffer(), config.blockWhenFull(),
                (long) (config.blockTimeoutSeconds() * 1e9), sender);
        sender.queue = queue;
        Capture.install(queue, config.wantsScores());
        HeldCaptures.exitWait(config.flushTimeoutSeconds());
        TrainingWatch.configure(queue.counts(), config.nothingCapturedAfterSeconds());

        List<Instrumentation> enabled = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        MatchedTypes matched = new MatchedTypes();
        for (Instrumentation instrumentation : all) {
            try {
                if (config.instrumentationEnabled(instrumentation.name(), instrumentation.enabledByDefault())) {
                    Set<String> p = instrumentation.typeNamePrefixes(config);
                    if (!p.isEmpty()) {
                        enabled.add(instrumentation);
                        prefixes.addAll(p);
                        matched.add(instrumentation.name(), p);
                        if (!instrumentation.capturesBatches()) {
                            matched.capturesNone(instrumentation.name());
                        }
                        AgentLog.debug("instrumentation " + instrumentation.name() + " is on: it looks at classes "
                                + "whose names start with " + String.join(", ", p));
                    } else {
                        AgentLog.debug("instrumentation " + instrumentation.name() + " is off: it has nothing to "
                                + "instrument with these options");
                    }
                } else {
                    AgentLog.debug("instrumentation " + instrumentation.name() + " is off: "
                            + (instrumentation.enabledByDefault() ? instrumentation.name() + "=false"
                            : "off unless " + instrumentation.name() + "=true"));
                }
            } catch (Throwable t) {
                AgentLog.warn("instrumentation " + instrumentation.name() + " is off: " + AgentLog.describe(t));
            }
        }
        List<String> names = new ArrayList<>();
        for (Instrumentation instrumentation : enabled) {
            names.add(instrumentation.name());
        }
        AgentVersion.announce(config, names, attachedLate);
        AgentInfo.set(config, names);
        LoadedAgent.loaded(attachedLate, config);
        if (enabled.isEmpty()) {
            return;
        }
        StartupCost cost = new StartupCost();
        ExitHook.install(new ExitSummary(queue, names, matched, new ExitWarnings(enabled), cost));
        if (attachedLate) {
            // Classes are already loaded: set up at once and retransform the ones that match.
            AgentInstaller.install(inst, enabled, config, matched, true);
        } else {
            inst.addTransformer(new LazyInstaller(prefixes, enabled, inst,
                    new Supplier<ClassFileTransformer>() {
                        @Override
                        public ClassFileTransformer get() {
                            // The sender warms up on its own thread while the advice rules are set up on this one: a batch
                            // captured right after the set-up does not wait for the sender's classes as well.
                            sender.warmUp();
                            return AgentInstaller.install(inst, enabled, config, matched, false);
                        }
                    }, cost, AdviceWarmUp.STARTER));
            if (names.contains(METHODS)) {
                // methods= names this program's own methods, which often train the moment their class loads and can
                // decide a stop in their first tens of milliseconds: connect now, while the program starts, so that
                // the connection is up by then (connect_early; a JVM that never loads them says Hello and Goodbye).
                sender.warmUp();
            }
        }
    }

    /** The enabled instrumentations' exit warnings, gathered at exit (a named class: no lambda in premain). */
    private static final class ExitWarnings implements Supplier<List<String>> {
        private final List<Instrumentation> enabled;

        ExitWarnings(List<Instrumentation> enabled) {
            this.enabled = enabled;
        }

        @Override
        public List<String> get() {
            List<String> lines = new ArrayList<>();
            for (Instrumentation instrumentation : enabled) {
                try {
                    lines.addAll(instrumentation.exitWarnings());
                } catch (Throwable t) {
                    // an instrumentation's report must not stop the others'
                }
            }
            return lines;
        }
    }

    /**
     * Warms the sender up when an instrumented framework first loads and starts it on the first captured batch;
     * loads the export package (which loads gRPC on its own thread) only then.
     */
    private static final class LazySender implements Runnable {
        private final AgentConfig config;
        private volatile BatchQueue queue;
        private dev.skewguard.agent.export.SenderStarter starter;

        LazySender(AgentConfig config) {
            this.config = config;
        }

        /**
         * An instrumented framework loaded: prepare the sender, and connect now unless connect_early=false (then at
         * the first captured batch).
         */
        void warmUp() {
            try {
                if (config.connectEarly() && !sparkOnClassPath()) {
                    starter().connectEarly(AgentInfo.activeInstrumentations());
                } else {
                    starter().warmUp(AgentInfo.activeInstrumentations());
                }
            } catch (Throwable t) {
                AgentLog.warn("could not start the sender (" + AgentLog.describe(t)
                        + "); captured data will not be sent");
            }
        }

        /** The first batch was captured: connect. */
        @Override
        public void run() {
            try {
                starter().start(AgentInfo.activeInstrumentations());
            } catch (Throwable t) {
                AgentLog.warn("could not start the sender (" + AgentLog.describe(t)
                        + "); captured data will not be sent");
            }
        }

        /**
         * A Spark application's job id is its application id, known once its SparkContext starts (the Spark
         * instrumentation derives it): there the sender connects at the first batch, with that id. Looked up as a
         * resource, so no class is loaded.
         */
        private static boolean sparkOnClassPath() {
            String spark = "org/apache/spark/SparkContext.class";
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return ClassLoader.getSystemResource(spark) != null
                    || (context != null && context.getResource(spark) != null);
        }

        private synchronized dev.skewguard.agent.export.SenderStarter starter() {
            if (starter == null) {
                starter = new dev.skewguard.agent.export.SenderStarter(config, queue);
            }
            return starter;
        }
    }
}
