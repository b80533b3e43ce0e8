package dev.skewguard.agent.cli;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.ConfigLoader;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.Instrumentations;
import dev.skewguard.agent.instrumentation.methods.MethodSpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent options of {@code attach}, read before attaching by the agent's own {@link ConfigLoader} (and the
 * {@code methods} specs by their parser), so that a typo is reported by the command instead of as a line in the
 * target JVM's standard error. Only the options given are read: the target's system properties and environment are
 * its own, and the agent reads them there.
 */
final class OptionCheck {
    private OptionCheck() {
    }

    /** One line per problem the agent would report for these options; empty when it would take them as given. */
    static List<String> problems(String options) {
        List<Instrumentation> all = Instrumentations.load(OptionCheck.class.getClassLoader());
        AgentConfig config = ConfigLoader.load(options, new Properties(), Map.of(), Instrumentations.names(all),
                Instrumentations.optionKeys(all), "attach-check");
        List<String> problems = new ArrayList<>(config.warnings());
        MethodSpecParser.parse(config.methods(), problems::add);
        return problems;
    }
}
