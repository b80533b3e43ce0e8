package dev.skewguard.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Resolves the agent's options from three sources. Like the OpenTelemetry Java agent, each key is looked up in
 * order and the FIRST source that has it wins:
 * <ol>
 *   <li>the agent argument ({@code -javaagent:skewguard-agent.jar=key=value,...});</li>
 *   <li>system properties {@code -Dskewguard.<key>=value};</li>
 *   <li>environment variables {@code SKEWGUARD_<KEY>=value} (key upper-cased).</li>
 * </ol>
 * An unknown key or a bad value adds one warning line and keeps the default; loading never throws.
 */
public final class ConfigLoader {
    static final String SYSPROP_PREFIX = "skewguard.";
    static final String ENV_PREFIX = "SKEWGUARD_";

    private ConfigLoader() {
    }

    /** Loads from the real system properties and environment of this JVM. */
    public static AgentConfig load(String agentArgs, Set<String> instrumentationNames,
                                   Set<String> instrumentationOptionKeys) {
        return load(agentArgs, System.getProperties(), System.getenv(), instrumentationNames,
                instrumentationOptionKeys,
                DefaultJobId.of(System.getProperty("sun.java.command"), System.currentTimeMillis()));
    }

    public static AgentConfig load(String agentArgs, Properties sysprops, Map<String, String> env,
                                   Set<String> instrumentationNames, String defaultJob) {
        return load(agentArgs, sysprops, env, instrumentationNames, Set.of(), defaultJob);
    }

    /**
     * @param instrumentationNames the switches ({@code djl=false}) the loaded instrumentations answer to
     * @param instrumentationOptionKeys the keys of the instrumentations' own settings, kept as given
     */
    public static AgentConfig load(String agentArgs, Properties sysprops, Map<String, String> env,
                                   Set<String> instrumentationNames, Set<String> instrumentationOptionKeys,
                                   String defaultJob) {
        AgentConfig.Builder b = AgentConfig.builder().job(defaultJob);
        Set<String> knownKeys = new java.util.HashSet<>(AgentConfig.optionKeys());
        knownKeys.addAll(instrumentationNames);
        knownKeys.addAll(instrumentationOptionKeys);
        AgentArgs parsed = AgentArgs.parse(agentArgs, knownKeys);
        for (String warning : parsed.warnings()) {
            b.warning(warning);
        }

        // Lowest precedence first; later puts overwrite earlier ones.
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX) && e.getKey().length() > ENV_PREFIX.length()) {
                String key = AgentArgs.normalizeKey(e.getKey().substring(ENV_PREFIX.length()));
                merged.put(key, e.getValue());
                origin.put(key, "environment variable " + e.getKey());
            }
        }
        for (String name : sysprops.stringPropertyNames()) {
            if (name.startsWith(SYSPROP_PREFIX) && name.length() > SYSPROP_PREFIX.length()) {
                String key = AgentArgs.normalizeKey(name.substring(SYSPROP_PREFIX.length()));
                merged.put(key, sysprops.getProperty(name));
                origin.put(key, "system property " + name);
            }
        }
        for (Map.Entry<String, String> e : parsed.values().entrySet()) {
            merged.put(e.getKey(), e.getValue());
            origin.put(e.getKey(), "agent option " + e.getKey());
        }

        for (Map.Entry<String, String> e : merged.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            String where = origin.get(key);
            try {
                apply(b, key, value, instrumentationNames, instrumentationOptionKeys, where);
            } catch (IllegalArgumentException bad) {
                if (key.startsWith("tls_")) {
                    // Never plaintext when TLS was asked for: the channel refuses every collector instead.
                    b.tls(true).tlsProblem(where + ": " + bad.getMessage());
                    b.warning("cannot use " + where + "=" + value + ": " + bad.getMessage() + "; the agent does not "
                            + "connect until this is fixed (with TLS asked for, it never falls back to plaintext)");
                    continue;
                }
                b.warning("ignored " + where + "=" + (key.equals("token") ? "<hidden>" : value) + ": "
                        + bad.getMessage());
            }
        }
        return b.build();
    }

    private static void apply(AgentConfig.Builder b, String key, String value, Set<String> instrumentationNames,
                              Set<String> instrumentationOptionKeys, String where) {
        switch (key) {
            case "endpoint":
                try {
                    List<String> notes = new ArrayList<>(1);
                    b.endpoint(Endpoint.parse(value, notes));
                    for (String note : notes) {
                        b.warning(note);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "; meanwhile the agent uses "
                            + AgentConfig.DEFAULT_ENDPOINT);
                }
                break;
            case "job":
                b.job(nonEmpty(value)).jobGiven(true);
                break;
            case "worker":
                b.worker(nonEmpty(value));
                break;
            case "methods":
                b.methods(value);
                break;
            case "predictions":
                if (value.equalsIgnoreCase("indices")) {
                    b.predictions(Predictions.INDICES);
                } else if (value.equalsIgnoreCase("scores")) {
                    b.predictions(Predictions.SCORES);
                } else if (value.equals("return") || value.startsWith("arg")) {
                    throw new IllegalArgumentException("expected indices or scores (predictions=" + value
                            + " belongs to a methods spec: write it beside that spec's labels=)");
                } else {
                    throw new IllegalArgumentException("expected indices or scores");
                }
                break;
            case "buffer":
                b.buffer((int) parseLong(value, 1, 1_000_000));
                break;
            case "block_when_full":
                b.blockWhenFull(parseBoolean(value));
                break;
            case "block_timeout":
                b.blockTimeoutSeconds(parseSeconds(value, 0, 3600));
                break;
            case "on_stop":
                try {
                    b.onStop(OnStop.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected throw, exit or log");
                }
                break;
            case "stop_grace":
                b.stopGraceSeconds(parseSeconds(value, 0, 86_400));
                break;
            case "exit_code":
                b.exitCode((int) parseLong(value, 0, 255));
                break;
            case "flush_timeout":
                b.flushTimeoutSeconds(parseSeconds(value, 0, 600));
                break;
            case "connect_early":
                b.connectEarly(parseBoolean(value));
                break;
            case "nothing_captured_after":
                b.nothingCapturedAfterSeconds(parseSeconds(value, 0, 86_400));
                break;
            case "send_interval":
                b.sendIntervalMillis((int) parseLong(value, 0, 1000));
                break;
            case "bootstrap":
                b.bootstrap(parseBoolean(value));
                break;
            case "debug":
                b.debug(parseBoolean(value));
                break;
            case "tls":
                b.tls(parseBoolean(value));
                break;
            case "tls_ca":
                b.tlsCa(readableFile(value, "a PEM file of the CA(s) the collector's certificate chains to"));
                break;
            case "tls_pin":
                b.tlsPin(CollectorSecurity.parsePin(value));
                break;
            case "tls_cert":
                b.tlsCert(readableFile(value, "the agent's certificate chain (PEM) for mutual TLS"));
                break;
            case "tls_key":
                b.tlsKey(readableFile(value, "the private key (PEM, PKCS#8) of tls_cert"));
                break;
            case "token":
                b.token(nonEmpty(value));
                break;
            case "token_file":
                b.token(TokenFile.read(value));
                break;
            default:
                if (JobParameterOptions.NAMES.contains(key)) {
                    try {
                        b.jobParameter(key, JobParameterOptions.check(key, value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(e.getMessage() + "; not sent: the collector's value "
                                + "applies");
                    }
                } else if (instrumentationNames.contains(key)) {
                    b.instrumentation(key, parseBoolean(value));
                } else if (instrumentationOptionKeys.contains(key)) {
                    b.instrumentationOption(key, value, where);
                } else if (key.equals("labels") || key.equals("mode") || key.equals("step")) {
                    throw new IllegalArgumentException("'" + key + "' belongs to a methods spec: write it beside"
                            + " that spec's other parameters, e.g. methods=com.acme.Trainer#step:labels=arg0,"
                            + "predictions=return");
                } else {
                    throw new IllegalArgumentException("unknown option '" + key + "' (known: "
                            + String.join(", ", AgentConfig.optionKeys())
                            + (instrumentationNames.isEmpty() ? "" : ", " + String.join(", ", instrumentationNames))
                            + (instrumentationOptionKeys.isEmpty() ? ""
                                    : ", " + String.join(", ", instrumentationOptionKeys))
                            + ")");
                }
        }
    }

    /** The path as given if it names a readable file; else the reason (a TLS setting then makes the agent not send). */
    private static String readableFile(String value, String what) {
        java.nio.file.Path path = java.nio.file.Path.of(nonEmpty(value));
        if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            throw new IllegalArgumentException("not a readable file: expected " + what);
        }
        return value;
    }

    private static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    static boolean parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "yes": case "1":
                return true;
            case "false": case "off": case "no": case "0":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false");
        }
    }

    static long parseLong(String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        return v;
    }

    static double parseSeconds(String value, double min, double max) {
        String v = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected seconds from " + min + " to " + max);
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("expected seconds from " + min + " to " + max);
        }
        return d;
    }
}
