package dev.skewguard.it.releases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small jar that passes for XGBoost4J: {@code ml.dmlc.xgboost4j.java.Booster} and {@code DMatrix} with as many of
 * the members the agent's advice needs as asked, the {@code pom.properties} of {@code ml.dmlc:xgboost4j_2.12} at a
 * chosen release, and a program ({@code FakeTraining}) that runs five "rounds" of {@code Booster#update} over a
 * matrix whose labels are 0, 0, 1. Compiled from source with the JDK's compiler when the test runs.
 */
final class FakeXgboostJar {
    static final String MAIN = "FakeTraining";
    static final int ROUNDS = 5;

    private FakeXgboostJar() {
    }

    /**
     * @param release     the version its pom.properties says
     * @param everyMember whether Booster and DMatrix have every member the agent needs (else Booster has update only)
     */
    static Path build(Path dir, String release, boolean everyMember) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/ml/dmlc/xgboost4j/java"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> files = new ArrayList<>();
        files.add(write(sources.resolve("DMatrix.java"), "package ml.dmlc.xgboost4j.java;\n"
                + "public class DMatrix {\n"
                + (everyMember ? "    public float[] getLabel() { return new float[] {0f, 0f, 1f}; }\n" : "")
                + "}\n"));
        files.add(write(sources.resolve("Booster.java"), "package ml.dmlc.xgboost4j.java;\n"
                + "public class Booster {\n"
                + "    public void update(DMatrix train, int round) { }\n"
                + (everyMember ? "    public String evalSet(DMatrix[] m, String[] names, int round) { return \"\"; }\n"
                + "    public float[][] predict(DMatrix m) {\n"
                + "        return new float[][] {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.3f, 0.7f}};\n"
                + "    }\n" : "")
                + "}\n"));
        files.add(write(dir.resolve("src/FakeTraining.java"), "import ml.dmlc.xgboost4j.java.Booster;\n"
                + "import ml.dmlc.xgboost4j.java.DMatrix;\n"
                + "public class FakeTraining {\n"
                + "    public static void main(String[] args) {\n"
                + "        Booster booster = new Booster();\n"
                + "        DMatrix train = new DMatrix();\n"
                + "        for (int round = 0; round < " + ROUNDS + "; round++) { booster.update(train, round); }\n"
                + "        System.out.println(\"result: " + ROUNDS + " rounds\");\n"
                + "    }\n"
                + "}\n"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        files.forEach(f -> args.add(f.toString()));
        assertTrue(javac.run(null, null, null, args.toArray(String[]::new)) == 0, "the fake jar's sources compile");

        Path jar = dir.resolve("xgboost4j_2.12-" + release + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
            }
            out.putNextEntry(new JarEntry("META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties"));
            out.write(("artifactId=xgboost4j_2.12\ngroupId=ml.dmlc\nversion=" + release + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static Path write(Path file, String source) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source);
    }
}
