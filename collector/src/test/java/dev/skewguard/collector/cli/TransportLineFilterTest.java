package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The transport's lines are rate-limited, with a count of those held back; the collector's own lines are not. */
class TransportLineFilterTest {
    @Test
    void theCollectorsLogbackConfigurationInstallsTheFilter() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        TransportLineFilter filter = (TransportLineFilter) context.getTurboFilterList().stream()
                .filter(f -> f instanceof TransportLineFilter).findFirst()
                .orElseThrow(() -> new AssertionError("no TransportLineFilter in logback.xml"));
        assertTrue(filter.isStarted());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        Logger transport = context.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport");
        for (int i = 0; i < 100; i++) {
            transport.info("Transport failed " + i);
        }
        assertEquals(10, appender.list.size(), "10 transport lines a minute, as configured");
        context.stop();
    }

    @Test
    void transportLinesAreRateLimitedWithACountOfTheSuppressedOnes() {
        LoggerContext context = new LoggerContext();
        AtomicLong now = new AtomicLong();
        TransportLineFilter filter = new TransportLineFilter();
        filter.setLines(10);
        filter.setWindowSeconds(60);
        filter.setNanoTime(now::get);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        Logger transport = context.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport");
        Logger collector = context.getLogger("dev.skewguard.collector");

        for (int i = 0; i < 1000; i++) {
            transport.info("Transport failed " + i);
            transport.debug("not written anyway " + i);
        }
        for (int i = 0; i < 20; i++) {
            collector.info("collector line " + i);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(10, lines.stream().filter(l -> l.startsWith("Transport failed")).count(), lines.toString());
        assertEquals(20, lines.stream().filter(l -> l.startsWith("collector line")).count());

        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        transport.warn("Transport failed again");
        List<String> after = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList()
                .subList(lines.size(), appender.list.size());
        assertEquals(List.of("transport lines (990 similar lines suppressed: at most 10 per 60 s)",
                "Transport failed again"), after);
        assertTrue(appender.list.get(lines.size()).getLoggerName().equals("dev.skewguard.collector"));
    }
}
