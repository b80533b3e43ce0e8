package dev.skewguard.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.apps.ConflictingVersionsApp;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application with its own, different grpc-api, protobuf-java and byte-buddy runs cleanly with the agent
 * attached: it uses its versions, and the agent (with its relocated copies) still captures and streams.
 */
class ConflictingVersionsIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void applicationWithItsOwnVersionsRunsCleanly(Jdk jdk) throws Exception {
        String cp = ItPaths.testClasses() + File.pathSeparator + conflictJars();
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "conflict-" + jdk.toString().replace(' ', '-');
            ChildResult r = ChildJvm.on(jdk)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30,methods="
                            + ConflictingVersionsApp.METHODS)
                    .main(cp, ConflictingVersionsApp.class.getName())
                    .run(Duration.ofSeconds(60));

            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.agentWarnings().isEmpty(), r.describe());
            assertEquals("protobuf-java-" + System.getProperty("conflict.protobuf", "3.25.5") + ".jar roundtrip true",
                    r.stdoutValue("protobuf "), r.describe());
            assertEquals("grpc-api-" + System.getProperty("conflict.grpc", "1.68.1") + ".jar INVALID_ARGUMENT v",
                    r.stdoutValue("grpc "), r.describe());
            assertEquals("byte-buddy-" + System.getProperty("conflict.bytebuddy", "1.14.18")
                    + ".jar made by the app's byte-buddy", r.stdoutValue("byte-buddy "), r.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    r.describe());
            assertEquals(ConflictingVersionsApp.STEPS, Reports.batchesCounted(report), report.toString());
        }
    }

    private static String conflictJars() throws IOException {
        try (Stream<Path> jars = Files.list(ItPaths.conflictLibs())) {
            return jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }
}
