package dev.skewguard.collector.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * gRPC and Netty log through java.util.logging, by default as multi-line records with stack traces: a client that
 * simply goes away prints thirty lines of "Stream closed before write could take place". The collector's terminal is
 * for people, so transport records become one line each, and the per-stream noise of agents that disconnect is
 * left out. The collector says itself, in one line, what matters about a stream.
 */
final class TransportLogging {
    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected logger forgets its level. */
    private static final Logger NETTY_SERVER_HANDLER =
            Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");
    private static final Logger ROOT = Logger.getLogger("");

    private TransportLogging() {
    }

    static void oneLinePerRecord() {
        NETTY_SERVER_HANDLER.setLevel(Level.SEVERE);
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLine());
        ROOT.addHandler(console);
    }

    /** "skewguard: grpc WARNING: message (cause)" without a stack trace. */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("skewguard: transport ").append(record.getLevel().getName())
                    .append(": ").append(formatMessage(record));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(" (").append(thrown.getClass().getSimpleName());
                if (thrown.getMessage() != null) {
                    line.append(": ").append(thrown.getMessage());
                }
                line.append(')');
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
