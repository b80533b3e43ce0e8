package dev.skewguard.it.djl;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;

/** The real collector on loopback, and the agent options that point the DJL example at it. */
final class DjlCollectors {
    private DjlCollectors() {
    }

    static CollectorServer collector(Action action) throws Exception {
        return collector(action, RuleParameters.DEFAULTS);
    }

    static CollectorServer collector(Action action, RuleParameters rule) throws Exception {
        return CollectorServer.start(ServerOptions.builder()
                .bind("127.0.0.1")
                .port(0)
                .action(action)
                .ruleParameters(rule)
                .quiet(true)
                .build());
    }

    /**
     * The agent pointed at the collector. A generous exit flush and buffer: these runs last a few seconds, and on
     * a loaded machine the sender may connect only near their end; the counts must still all arrive, none dropped.
     */
    static String agentOptions(CollectorServer server, String job, String more) {
        return "endpoint=127.0.0.1:" + server.port() + ",job=" + job + ",flush_timeout=30,buffer=100000"
                + (more.isEmpty() ? "" : "," + more);
    }
}
