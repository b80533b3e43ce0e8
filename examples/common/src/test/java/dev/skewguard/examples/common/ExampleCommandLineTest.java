package dev.skewguard.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class ExampleCommandLineTest {
    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("stopped from a training step");
        }
    }

    @Test
    void anExceptionWhileTrainingIsOneLineAndExitStatus1() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = ExampleCommandLine.execute("test-example", new Failing());
        } finally {
            System.setErr(original);
        }
        assertEquals(1, status);
        assertEquals("test-example: training ended early: java.lang.IllegalStateException: stopped from a training step"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
