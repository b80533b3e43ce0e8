package dev.skewguard.agent.instrumentation.xgboost;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.config.AgentConfig;

/**
 * The XGBoost instrumentation's own option, {@code xgboost_every}: capture every N-th boosting round (default 1,
 * every round), because predictions cost an extra predict per matrix and round. Like every agent option it comes
 * from the agent argument, the system property {@code skewguard.xgboost_every} or the environment variable
 * {@code SKEWGUARD_XGBOOST_EVERY}, in that order.
 */
final class XgboostOptions {
    static final String KEY = "xgboost_every";

    private XgboostOptions() {
    }

    static int every(AgentConfig config) {
        return parse(config.instrumentationOption(KEY).orElse(null), config.instrumentationOptionSource(KEY));
    }

    static int parse(String value, String where) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int every = Integer.parseInt(value.trim());
            if (every >= 1) {
                return every;
            }
        } catch (NumberFormatException ignored) {
            // warned below
        }
        AgentLog.warn("ignored " + where + "=" + value
                + ": expected a whole number of rounds >= 1; capturing every round");
        return 1;
    }
}
