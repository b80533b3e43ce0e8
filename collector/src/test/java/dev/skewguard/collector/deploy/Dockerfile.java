package dev.skewguard.collector.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as its instructions (comments dropped, continuation lines joined), enough to check what it says
 * against the collector and the Kubernetes manifests. Exec-form arguments (JSON arrays) are parsed as JSON.
 */
record Dockerfile(List<Instruction> instructions) {
    record Instruction(String keyword, String arguments) {
        /** The exec form's arguments ({@code ["a", "b"]}), or the shell form split on white space. */
        List<String> words() {
            String a = arguments.strip();
            if (a.startsWith("[")) {
                try {
                    return new ObjectMapper().readValue(a, new TypeReference<List<String>>() { });
                } catch (IOException e) {
                    throw new AssertionError(keyword + " is not a JSON array: " + a, e);
                }
            }
            return List.of(a.split("\\s+"));
        }
    }

    static Dockerfile read(Path path) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                    text.substring(space + 1).strip()));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last instruction of {@code keyword}, the one in force in the final image. */
    Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError("no " + keyword + " in the Dockerfile");
        }
        return found.get(found.size() - 1);
    }

    /** The instructions of the final stage (after the last FROM). */
    List<Instruction> finalStage() {
        int from = instructions.lastIndexOf(last("FROM"));
        return instructions.subList(from, instructions.size());
    }
}
