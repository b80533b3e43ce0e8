package dev.skewguard.agent.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agent's options, resolved once at start (see {@link ConfigLoader} for sources and precedence). Immutable.
 */
public final class AgentConfig {
    public static final String DEFAULT_ENDPOINT = "localhost:4910";
    public static final int DEFAULT_BUFFER = 1024;
    public static final double DEFAULT_STOP_GRACE_SECONDS = 30;
    public static final int DEFAULT_EXIT_CODE = 3;
    public static final double DEFAULT_FLUSH_TIMEOUT_SECONDS = 2;
    /** After how many seconds of training with nothing captured the agent says so (nothing_captured_after). */
    public static final double DEFAULT_NOTHING_CAPTURED_AFTER_SECONDS = 30;
    public static final int DEFAULT_SEND_INTERVAL_MILLIS = 10;
    public static final double DEFAULT_BLOCK_TIMEOUT_SECONDS = 10;

    private final String endpoint;
    private final String job;
    private final boolean jobGiven;
    private final String worker;
    private final String methods;
    private final Predictions predictions;
    private final int buffer;
    private final boolean blockWhenFull;
    private final double blockTimeoutSeconds;
    private final boolean debug;
    private final boolean bootstrap;
    private final OnStop onStop;
    private final double stopGraceSeconds;
    private final int exitCode;
    private final double flushTimeoutSeconds;
    private final int sendIntervalMillis;
    private final double nothingCapturedAfterSeconds;
    private final boolean connectEarly;
    private final Map<String, Boolean> instrumentationSwitches;
    private final Map<String, String> instrumentationOptions;
    private final Map<String, String> instrumentationOptionSources;
    private final Map<String, String> jobParameters;
    private final List<String> warnings;
    private final CollectorSecurity security;

    private AgentConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.job = b.job;
        this.jobGiven = b.jobGiven;
        this.worker = b.worker;
        this.methods = b.methods;
        this.predictions = b.predictions;
        this.buffer = b.buffer;
        this.blockWhenFull = b.blockWhenFull;
        this.blockTimeoutSeconds = b.blockTimeoutSeconds;
        this.debug = b.debug;
        this.bootstrap = b.bootstrap;
        this.onStop = b.onStop;
        this.stopGraceSeconds = b.stopGraceSeconds;
        this.exitCode = b.exitCode;
        this.flushTimeoutSeconds = b.flushTimeoutSeconds;
        this.sendIntervalMillis = b.sendIntervalMillis;
        this.nothingCapturedAfterSeconds = b.nothingCapturedAfterSeconds;
        this.connectEarly = b.connectEarly;
        this.instrumentationSwitches = Collections.unmodifiableMap(new TreeMap<>(b.instrumentationSwitches));
        this.instrumentationOptions = Collections.unmodifiableMap(new TreeMap<>(b.instrumentationOptions));
        this.instrumentationOptionSources = Collections.unmodifiableMap(new TreeMap<>(b.instrumentationOptionSources));
        this.jobParameters = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.jobParameters));
        this.warnings = List.copyOf(b.warnings);
        this.security = new CollectorSecurity(b.tls, b.tlsCa, b.tlsPin, b.tlsCert, b.tlsKey, b.token,
                b.tlsProblem);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, with the given job id; for tests and for instrumentations that need a config to exist. */
    public static AgentConfig defaults(String job) {
        return builder().job(job).build();
    }

    /** The collector's host:port. */
    public String endpoint() {
        return endpoint;
    }

    /** TLS and token towards the collector. */
    public CollectorSecurity security() {
        return security;
    }

    /** The job id every worker of one job shares. */
    public String job() {
        return job;
    }

    /**
     * Whether the user gave the job id (option {@code job} from any source); if not, {@link #job()} is the default
     * and an instrumentation may name the job instead (see {@link JobIdentity}).
     */
    public boolean jobGiven() {
        return jobGiven;
    }

    /** The worker id, or null for the default host:pid (resolved lazily, off the start-up path). */
    public String worker() {
        return worker;
    }

    /** The raw {@code methods} option (see the methods instrumentation for its syntax), or "" if not given. */
    public String methods() {
        return methods;
    }

    public Predictions predictions() {
        return predictions;
    }

    public boolean wantsScores() {
        return predictions == Predictions.SCORES;
    }

    /** How many captured batches may wait for the sender. */
    public int buffer() {
        return buffer;
    }

    /** Whether a training thread waits for room instead of dropping when the buffer is full. */
    public boolean blockWhenFull() {
        return blockWhenFull;
    }

    /**
     * With {@link #blockWhenFull()}: the longest a training thread waits for room for one batch before the batch is
     * dropped (seconds); while the sender takes nothing, later batches are then dropped without waiting.
     */
    public double blockTimeoutSeconds() {
        return blockTimeoutSeconds;
    }

    /**
     * Whether the agent puts its jar on the bootstrap class path ({@code bootstrap}; the entry point reads it before
     * anything else, this is what the configuration says of it).
     */
    public boolean bootstrap() {
        return bootstrap;
    }

    /** Whether the agent logs what it instrumented and how its connection goes ({@code debug}). */
    public boolean debug() {
        return debug;
    }

    public OnStop onStop() {
        return onStop;
    }

    public double stopGraceSeconds() {
        return stopGraceSeconds;
    }

    public int exitCode() {
        return exitCode;
    }

    public double flushTimeoutSeconds() {
        return flushTimeoutSeconds;
    }

    /**
     * While batches keep coming, how often the sender looks at the queue and sends what gathered (milliseconds): the
     * most a batch waits before it is sent. Longer means fewer messages (less CPU beside the training), a later stop.
     */
    /**
     * Seconds after a framework's first training step at which, if none of its batches was captured, the agent says
     * so once while training runs (0: never).
     */
    public double nothingCapturedAfterSeconds() {
        return nothingCapturedAfterSeconds;
    }

    /**
     * Whether the sender connects as soon as an instrumented framework loads (true, the default) rather than at the
     * first captured batch.
     */
    public boolean connectEarly() {
        return connectEarly;
    }

    public int sendIntervalMillis() {
        return sendIntervalMillis;
    }

    /**
     * Whether the instrumentation with this name is on: its own switch ({@code djl=false}) if given, else the
     * default the instrumentation declares.
     */
    public boolean instrumentationEnabled(String name, boolean enabledByDefault) {
        Boolean value = instrumentationSwitches.get(name);
        return value == null ? enabledByDefault : value;
    }

    /**
     * The value the user gave for an instrumentation's own option ({@link
     * dev.skewguard.agent.instrumentation.Instrumentation#optionKeys()}), trimmed; empty if none was given.
     */
    public java.util.Optional<String> instrumentationOption(String key) {
        return java.util.Optional.ofNullable(instrumentationOptions.get(key));
    }

    /** Where an instrumentation option's value came from, for warnings, e.g. "agent option xgboost_every". */
    public String instrumentationOptionSource(String key) {
        return instrumentationOptionSources.getOrDefault(key, "option " + key);
    }

    /** The instrumentation switches the user gave, name to on/off. */
    public Map<String, Boolean> instrumentationSwitches() {
        return instrumentationSwitches;
    }

    /**
     * The job's own rule parameters given as options ({@link JobParameterOptions#NAMES}), name to checked value, in
     * that order; sent in Hello.parameters. Empty if none was given.
     */
    public Map<String, String> jobParameters() {
        return jobParameters;
    }

    /** One line per problem met while reading the options (unknown key, bad value); already-safe defaults apply. */
    public List<String> warnings() {
        return warnings;
    }

    /** Mutable builder; {@link ConfigLoader} fills it from the option sources. */
    public static final class Builder {
        private String endpoint = DEFAULT_ENDPOINT;
        private String job = "job";
        private boolean jobGiven;
        private String worker;
        private String methods = "";
        private Predictions predictions = Predictions.INDICES;
        private int buffer = DEFAULT_BUFFER;
        private boolean blockWhenFull;
        private double blockTimeoutSeconds = DEFAULT_BLOCK_TIMEOUT_SECONDS;
        private boolean debug;
        private boolean bootstrap = true;
        private OnStop onStop = OnStop.THROW;
        private double stopGraceSeconds = DEFAULT_STOP_GRACE_SECONDS;
        private int exitCode = DEFAULT_EXIT_CODE;
        private double flushTimeoutSeconds = DEFAULT_FLUSH_TIMEOUT_SECONDS;
        private int sendIntervalMillis = DEFAULT_SEND_INTERVAL_MILLIS;
        private double nothingCapturedAfterSeconds = DEFAULT_NOTHING_CAPTURED_AFTER_SECONDS;
        private boolean connectEarly = true;
        private final Map<String, Boolean> instrumentationSwitches = new TreeMap<>();
        private final Map<String, String> instrumentationOptions = new TreeMap<>();
        private final Map<String, String> instrumentationOptionSources = new TreeMap<>();
        private final Map<String, String> jobParameters = new TreeMap<>(
                java.util.Comparator.comparingInt(JobParameterOptions.NAMES::indexOf));
        private final List<String> warnings = new java.util.ArrayList<>();
        private boolean tls;
        private String tlsCa;
        private String tlsPin;
        private String tlsCert;
        private String tlsKey;
        private String token;
        private String tlsProblem;

        public Builder endpoint(String v) { this.endpoint = v; return this; }
        public Builder job(String v) { this.job = v; return this; }
        public Builder jobGiven(boolean v) { this.jobGiven = v; return this; }
        public Builder worker(String v) { this.worker = v; return this; }
        public Builder methods(String v) { this.methods = v; return this; }
        public Builder predictions(Predictions v) { this.predictions = v; return this; }
        public Builder buffer(int v) { this.buffer = v; return this; }
        public Builder blockWhenFull(boolean v) { this.blockWhenFull = v; return this; }
        public Builder blockTimeoutSeconds(double v) { this.blockTimeoutSeconds = v; return this; }
        public Builder debug(boolean v) { this.debug = v; return this; }
        public Builder bootstrap(boolean v) { this.bootstrap = v; return this; }
        public Builder onStop(OnStop v) { this.onStop = v; return this; }
        public Builder stopGraceSeconds(double v) { this.stopGraceSeconds = v; return this; }
        public Builder exitCode(int v) { this.exitCode = v; return this; }
        public Builder flushTimeoutSeconds(double v) { this.flushTimeoutSeconds = v; return this; }
        public Builder sendIntervalMillis(int v) { this.sendIntervalMillis = v; return this; }
        public Builder nothingCapturedAfterSeconds(double v) { this.nothingCapturedAfterSeconds = v; return this; }
        public Builder connectEarly(boolean v) { this.connectEarly = v; return this; }
        public Builder instrumentation(String name, boolean on) { instrumentationSwitches.put(name, on); return this; }
        public Builder instrumentationOption(String key, String value, String source) {
            instrumentationOptions.put(key, value);
            instrumentationOptionSources.put(key, source);
            return this;
        }
        public Builder jobParameter(String name, String value) { jobParameters.put(name, value); return this; }
        public Builder warning(String line) { warnings.add(line); return this; }
        public Builder tls(boolean v) { this.tls = v; return this; }
        public Builder tlsCa(String v) { this.tlsCa = v; return this; }
        public Builder tlsPin(String v) { this.tlsPin = v; return this; }
        public Builder tlsCert(String v) { this.tlsCert = v; return this; }
        public Builder tlsKey(String v) { this.tlsKey = v; return this; }
        public Builder token(String v) { this.token = v; return this; }
        public Builder tlsProblem(String v) { this.tlsProblem = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(this);
        }
    }

    /** Names of every option key this version understands, instrumentation switches aside. */
    public static Set<String> optionKeys() {
        TreeSet<String> keys = new TreeSet<>(List.of("endpoint", "job", "worker", "methods", "predictions", "buffer",
                "block_when_full", "block_timeout", "on_stop", "stop_grace", "exit_code", "flush_timeout", "send_interval",
                "nothing_captured_after", "connect_early", "debug", "bootstrap", "tls", "tls_ca", "tls_pin", "tls_cert",
                "tls_key", "token", "token_file"));
        keys.addAll(JobParameterOptions.NAMES);
        return keys;
    }
}
