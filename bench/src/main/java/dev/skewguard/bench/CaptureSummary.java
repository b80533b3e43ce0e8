package dev.skewguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the CSV that JMH wrote for {@link CaptureBenchmark} ({@code -rf csv -rff FILE}) into the hot-path table:
 * per batch size and predictions mode, the bare copy, copy + record, and the difference (the agent's own cost).
 * Arguments: CSV file, then the results file to append to.
 */
public final class CaptureSummary {
    private CaptureSummary() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = parse(lines.get(0));
        int bench = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int size = header.indexOf("Param: batchSize");
        int mode = header.indexOf("Param: predictions");
        // key "mode/size" -> benchmark name -> {score, error}
        Map<String, Map<String, double[]>> byKey = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> c = parse(line);
            String name = c.get(bench).substring(c.get(bench).lastIndexOf('.') + 1);
            String key = c.get(mode) + "/" + String.format("%05d", Integer.parseInt(c.get(size)));
            byKey.computeIfAbsent(key, k -> new TreeMap<>()).put(name,
                    new double[] {number(c.get(score)), number(c.get(error))});
        }
        ResultTable table = new ResultTable("2. Hot path: cost on the training thread per captured batch (JMH, ns/batch)",
                "predictions", "batch size", "bare copy (ns)", "copy + record (ns)", "beyond the copy (ns)",
                "target");
        for (Map.Entry<String, Map<String, double[]>> e : byKey.entrySet()) {
            String[] k = e.getKey().split("/");
            int n = Integer.parseInt(k[1]);
            double[] copy = e.getValue().get("copyOnly");
            double[] record = e.getValue().get("record");
            if (copy == null || record == null) {
                continue;
            }
            double beyond = record[0] - copy[0];
            String target = "indices".equals(k[0]) && n == 256
                    ? (beyond < 1000 ? "< 1000 ns: met" : "< 1000 ns: MISSED") : "";
            table.row(k[0], n, cell(copy), cell(record), Stats.fmt(beyond, 0), target);
        }
        table.note("Average time per batch, ± JMH's 99.9% error. 10 classes; indices: labels + predicted ids (int[N] each), "
                + "scores: labels + N x 10 floats. The real BatchQueue (capacity 1024) with a drainer thread that "
                + "the offer wakes as it wakes the sender; no batch was dropped (checked).");
        table.emit(args.length > 1 ? Path.of(args[1]) : null);
    }

    private static String cell(double[] v) {
        return Stats.fmt(v[0], 0) + " ± " + Stats.fmt(Double.isNaN(v[1]) ? 0 : v[1], 0);
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One CSV line as JMH writes it: fields in double quotes or bare, separated by commas. */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
