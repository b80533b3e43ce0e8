package dev.skewguard.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One framework's training program as the training benchmarks run it: an example module's main class on balanced
 * data (4 classes, 12000 samples), its arguments, the environment and JVM options it runs with (the same with and
 * without the agent).
 */
record TrainingExample(String name, String module, String epochs, String mainClass, List<String> args,
                       Map<String, String> env, List<String> jvmArgs) {

    /** The DJL example, PyTorch engine, EasyTrain: batches of 32, 300 training and 75 validation batches an epoch. */
    static TrainingExample djl(String epochs) {
        return new TrainingExample("DJL (PyTorch), " + epochs + " epochs", "djl", epochs,
                "dev.skewguard.examples.djl.DjlTrainMain",
                List.of("--classes", "4", "--samples", "12000", "--epochs", epochs, "--engine", "PyTorch"),
                Map.of("DJL_OFFLINE", "true"), List.of());
    }

    /** The DL4J example: batches of 50, 192 training and 48 validation batches an epoch. */
    static TrainingExample dl4j(String epochs) {
        return new TrainingExample("DL4J, " + epochs + " epochs", "dl4j", epochs,
                "dev.skewguard.examples.dl4j.Dl4jExample",
                List.of("--classes", "4", "--samples", "12000", "--epochs", epochs), Map.of(), List.of());
    }

    /** This program with more environment variables and JVM options, its name followed by {@code nameSuffix}. */
    TrainingExample with(String nameSuffix, Map<String, String> moreEnv, List<String> moreJvmArgs) {
        Map<String, String> allEnv = new HashMap<>(env);
        allEnv.putAll(moreEnv);
        List<String> allJvmArgs = new ArrayList<>(jvmArgs);
        allJvmArgs.addAll(moreJvmArgs);
        return new TrainingExample(name + nameSuffix, module, epochs, mainClass, args, Map.copyOf(allEnv),
                List.copyOf(allJvmArgs));
    }
}
