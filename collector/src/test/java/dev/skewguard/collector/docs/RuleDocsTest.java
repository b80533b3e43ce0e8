package dev.skewguard.collector.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.deploy.RepositoryFiles;
import dev.skewguard.collector.rule.RuleParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/rule.md's parameter table gives the rule's defaults, docs/collector.md the patience defaults. */
class RuleDocsTest {
    @Test
    void parameterTableGivesTheRulesDefaults() throws IOException {
        String doc = Files.readString(RepositoryFiles.resolve("docs/rule.md"));
        RuleParameters d = RuleParameters.DEFAULTS;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("threshold_imbalance", number(d.thresholdImbalance()));
        expected.put("threshold_misprediction", number(d.thresholdMisprediction()));
        expected.put("samples", "" + d.samples());
        expected.put("argmax", "" + d.argmax());
        expected.put("labels_regex", "`" + d.labelsRegex() + "`");
        expected.put("predictions_regex", "`" + d.predictionsRegex() + "`");
        expected.put("window", "" + d.window());
        expected.put("num_classes", "" + d.numClasses());
        Map<String, String> documented = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            String row = doc.lines().filter(l -> l.startsWith("| `--") && l.contains("| `" + name + "` |"))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + name + " in docs/rule.md"));
            documented.put(name, row.split("\\|")[4].strip());
        }
        assertEquals(expected, documented);
    }

    @Test
    void patienceDefaultsAreTheDecisionsDefaults() throws IOException {
        String doc = Files.readString(RepositoryFiles.resolve("docs/collector.md"));
        assertEquals("" + Patience.DEFAULT_IMBALANCE_LABELS, cell(doc, "--patience-imbalance"));
        assertEquals("" + Patience.DEFAULT_MISPREDICTION_LABELS, cell(doc, "--patience-misprediction"));
    }

    private static String cell(String doc, String option) {
        return doc.lines().filter(l -> l.startsWith("| `" + option + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + option)).split("\\|")[2].strip();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? "" + (long) v : "" + v;
    }
}
