package dev.skewguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the built artifacts the process-level harnesses run, from the repository root (-Dskewguard.repo). */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("skewguard.repo", ".")).toAbsolutePath().normalize();

    private Repo() {
    }

    static Path agentJar() {
        return existing(ROOT.resolve("agent/target/skewguard-agent.jar"), "agent");
    }

    static Path collectorJar() {
        return existing(ROOT.resolve("collector/target/skewguard-collector.jar"), "collector");
    }

    static Path plainJar() {
        return existing(ROOT.resolve("examples/plain/target/plain-training.jar"), "examples/plain");
    }

    static Path benchClasses() {
        return existing(ROOT.resolve("bench/target/classes"), "bench");
    }

    /** Where the harness writes its child processes' output. */
    static Path logs() {
        return ROOT.resolve("bench/target/results/logs");
    }

    private static Path existing(Path p, String module) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: build it first (mvn -B -q -pl " + module
                    + " -am package -DskipTests), or run bench/run.sh");
        }
        return p;
    }
}
