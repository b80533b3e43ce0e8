package dev.skewguard.collector.cli;

import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.server.CollectorServer;

/**
 * {@code serve --rules-file}: SIGHUP reloads the rules file at once (the collector also reloads it within a second
 * of a change to its text). Where the JVM cannot handle SIGHUP (not a POSIX system, or -Xrs), one line says so and
 * the file is still watched.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(CollectorServer server, CollectorLog log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> server.reloadRules());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP cannot reload the rules file in this JVM (" + e.getMessage() + "); the collector "
                    + "still reloads it within a second of a change");
        }
    }
}
