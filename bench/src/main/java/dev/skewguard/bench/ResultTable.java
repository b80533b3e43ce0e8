package dev.skewguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One section of the results: a title, a Markdown table and notes, printed to standard output and appended to the
 * results file (when one is given), so {@code bench/run.sh} prints the table and keeps it.
 */
final class ResultTable {
    private final String title;
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ResultTable(String title, String... header) {
        this.title = title;
        this.header = header;
    }

    ResultTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    ResultTable note(String line) {
        notes.add(line);
        return this;
    }

    String markdown() {
        StringBuilder s = new StringBuilder("### ").append(title).append("\n\n");
        s.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.length; i++) {
            s.append(i == 0 ? " --- |" : " ---: |");
        }
        s.append('\n');
        for (String[] r : rows) {
            s.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            s.append('\n');
            for (String n : notes) {
                s.append(n).append('\n');
            }
        }
        return s.append('\n').toString();
    }

    /** Prints the section and appends it to {@code file} (if not null). */
    void emit(Path file) {
        String md = markdown();
        System.out.print(md);
        System.out.flush();
        if (file != null) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The results file named by the first argument, or null. */
    static Path outputFile(String[] args) {
        return args.length > 0 && !args[0].isEmpty() ? Path.of(args[0]) : null;
    }
}
