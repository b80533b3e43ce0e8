package dev.skewguard.collector.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * gRPC and Netty log through java.util.logging, by default as multi-line records with stack traces on a format of
 * their own. Their records go to SLF4J instead, so they come out as the collector's own lines (timestamp, level,
 * one line: {@link OneLineCause} turns a record's throwable into "(Class: message)"); the per-stream noise of agents
 * that simply disconnect is left out by the logback configuration. The collector says itself, in one line, what
 * matters about a stream.
 */
final class TransportLogging {
    private TransportLogging() {
    }

    static synchronized void toSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
