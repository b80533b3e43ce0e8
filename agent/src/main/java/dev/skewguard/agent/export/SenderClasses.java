package dev.skewguard.agent.export;

import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The classes the sender needs to reach the collector, listed in {@code META-INF/skewguard/sender-classes.txt}
 * (names as before relocation). Loading them is most of the time between the first captured batch and the first
 * Ack (over a second on a busy 2-core machine), so the warm-up loads them ahead. They are loaded, not initialised:
 * no static initialiser runs out of its usual order, and a name missing from the jar is skipped. The preload stops
 * when its caller says so ({@link Exporter#prepare}: once the first batch is captured and the TLS context is made):
 * from then on the connection comes first, and what is left loads on demand.
 */
final class SenderClasses {
    static final String RESOURCE = "META-INF/skewguard/sender-classes.txt";

    private SenderClasses() {
    }

    /**
     * Loads the listed classes through {@code loader} (the transport's, which sees gRPC's as well) until
     * {@code stop} says so; returns how many loaded. Never throws.
     */
    static int preload(ClassLoader loader, BooleanSupplier stop) {
        String prefix = relocationPrefix();
        int loaded = 0;
        try (InputStream in = dev.skewguard.agent.AgentJar.resource(RESOURCE)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.trim();
                if (stop.getAsBoolean()) {
                    break;
                }
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(prefix + name, false, loader);
                    loaded++;
                } catch (Throwable notThere) {
                    // a class of another version of gRPC: skip it
                }
            }
        } catch (IOException | RuntimeException e) {
            // the warm-up is an optimisation only
        }
        return loaded;
    }

    /**
     * "dev.skewguard.agent.shaded." in the agent's jar, "" when running from unrelocated classes (unit tests).
     * Derived from a class literal, which the build relocates, not from a string, which it might.
     */
    static String relocationPrefix() {
        String name = ManagedChannel.class.getName(); // [prefix]io.grpc.ManagedChannel
        int cut = name.length();
        for (int dots = 0; dots < 3; dots++) {
            cut = name.lastIndexOf('.', cut - 1);
            if (cut < 0) {
                return "";
            }
        }
        return name.substring(0, cut + 1);
    }
}
