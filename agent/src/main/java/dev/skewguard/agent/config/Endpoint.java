package dev.skewguard.agent.config;

import java.util.Locale;
import java.util.List;

/**
 * Reads the {@code endpoint} option: {@code host:port}, {@code [IPv6]:port}, optionally written as
 * {@code http://host:port} (http:// says nothing more; TLS is the {@code tls} options' business). A host without a port
 * gets the collector's default port, with one line saying so. Anything else (https://, another scheme, a path, a bad
 * port) is refused with the reason and the fix.
 */
final class Endpoint {
    /** The port the collector listens on by default. */
    static final int DEFAULT_PORT = 4910;

    private Endpoint() {
    }

    /**
     * Returns {@code host:port} for the channel.
     *
     * @param notes gets one line when the value is used with a change the user should know of (a port added)
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    static String parse(String value, List<String> notes) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            v = v.substring("http://".length());
        } else if (lower.startsWith("https://")) {
            throw new IllegalArgumentException("write endpoint=" + strip(v.substring("https://".length()))
                    + " (no https://) and, for TLS, tls=true (or tls_ca=FILE, tls_pin=SHA256)");
        } else if (lower.contains("://")) {
            throw new IllegalArgumentException("unsupported scheme '" + v.substring(0, lower.indexOf("://"))
                    + "://': write host:port, e.g. endpoint=collector:" + DEFAULT_PORT);
        }
        if (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("expected host:port, e.g. endpoint=collector:" + DEFAULT_PORT);
        }
        if (v.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a path is not part of the endpoint: write host:port, e.g. endpoint="
                    + strip(v));
        }
        String host;
        String port;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + v + "' opens '[' but does not close it: write [address]:port");
            }
            host = v.substring(0, close + 1);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected [address]:port, e.g. endpoint=[::1]:" + DEFAULT_PORT);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = v.indexOf(':');
            if (colon != v.lastIndexOf(':')) {
                throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. endpoint=[::1]:"
                        + DEFAULT_PORT);
            }
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? null : v.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host before ':': write host:port, e.g. endpoint=collector:"
                        + (port.isEmpty() ? String.valueOf(DEFAULT_PORT) : port));
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                    throw new IllegalArgumentException("'" + host + "' is not a host name or address");
                }
            }
        }
        if (port == null) {
            String used = host + ":" + DEFAULT_PORT;
            notes.add("endpoint=" + value.trim() + " has no port: the agent uses " + used
                    + ", the collector's default port (write host:port to choose another)");
            return used;
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port '" + port + "' is not a number from 1 to 65535");
        }
        return host + ":" + p;
    }

    private static String strip(String rest) {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
