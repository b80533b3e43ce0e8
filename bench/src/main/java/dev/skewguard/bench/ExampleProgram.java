package dev.skewguard.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One of the example training programs as a benchmark runs it in a child JVM: a name for its table row, its module
 * under examples/ (null: the plain example's jar), its main class and arguments, what it adds to the agent's options
 * (",methods=..." for the plain example) and its environment.
 */
record ExampleProgram(String name, String module, String mainClass, List<String> args, String agentExtra,
                      Map<String, String> env) {

    /** The plain example's two methods, as the agent's methods option names them. */
    static final String PLAIN_METHODS = ",methods=dev.skewguard.examples.plain.SoftmaxRegression#trainBatch:"
            + "labels=arg1,predictions=return;dev.skewguard.examples.plain.SoftmaxRegression#evaluateBatch:"
            + "labels=arg0,predictions=return,mode=eval";

    /** The plain example, captured through the methods path. */
    static ExampleProgram plainMethods(String name, List<String> args) {
        return new ExampleProgram(name, null, "dev.skewguard.examples.plain.PlainTraining", args, PLAIN_METHODS,
                Map.of());
    }

    /** Its class path: the example module's classes and dependencies, or the plain example's jar. */
    String classPath() throws IOException {
        return module == null ? Repo.plainJar().toString() : ChildProcess.exampleClassPath(Repo.ROOT, module);
    }

    /** A short name for its log files: the module, or "methods". */
    String logName() {
        return module == null ? "methods" : module;
    }
}
