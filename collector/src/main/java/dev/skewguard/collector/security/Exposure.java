package dev.skewguard.collector.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The safe default: a collector that listens beyond this machine must have TLS and tokens, or be told
 * {@code --insecure}.
 */
public final class Exposure {
    private Exposure() {
    }

    /**
     * @throws IllegalArgumentException one line saying what is missing and what to do
     */
    public static void check(String bind, boolean tls, boolean tokens, boolean insecure) {
        if (insecure || (tls && tokens) || loopbackOnly(bind)) {
            return;
        }
        String missing = !tls && !tokens ? "TLS and tokens" : !tls ? "TLS" : "tokens";
        throw new IllegalArgumentException("--bind " + bind + " listens beyond this machine without " + missing
                + ": anyone who reaches the port could read, poison or stop any job. Give --tls-cert/--tls-key and "
                + "--tokens-file, bind to 127.0.0.1, or say --insecure to run so anyway");
    }

    static boolean loopbackOnly(String bind) {
        try {
            for (InetAddress address : InetAddress.getAllByName(bind)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // binding fails later with its own line
        }
    }
}
