package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The job's rule parameters as agent options: every source, checked, a bad value one warning and not sent. */
class JobParameterOptionsTest {
    private static AgentConfig load(String args, Properties props, Map<String, String> env) {
        return ConfigLoader.load(args, props, env, Set.of(), "default-job");
    }

    @Test
    void theSeedsNamesAreReadFromTheArgumentSystemPropertiesAndTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("skewguard.samples", "2000");
        props.setProperty("skewguard.threshold_imbalance", "20"); // the argument wins
        AgentConfig c = load("job=j,threshold_imbalance=50,methods=a.B#c:labels=arg0,predictions=return,"
                + "labels_regex=y$", props, Map.of("SKEWGUARD_PATIENCE_IMBALANCE", "0", "SKEWGUARD_ARGMAX", "TRUE"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("threshold_imbalance", "50.0");
        expected.put("samples", "2000");
        expected.put("argmax", "true");
        expected.put("labels_regex", "y$");
        expected.put("patience_imbalance", "0");
        assertEquals(expected, c.jobParameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.jobParameters().keySet()), "in the report's order");
        assertEquals("a.B#c:labels=arg0,predictions=return", c.methods(), "the methods value ends at an option");
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void aBadValueIsOneWarningNamingTheOptionAndIsNotSent() {
        AgentConfig c = load("threshold_imbalance=NaN,threshold_misprediction=1.5,samples=0,window=-1,"
                + "predictions_regex=(,patience_misprediction=soon", new Properties(), Map.of());
        assertEquals(Map.of(), c.jobParameters());
        assertEquals(6, c.warnings().size(), c.warnings().toString());
        assertEquals("ignored agent option threshold_imbalance=NaN: expected a number of at least 1 (largest / "
                + "smallest class count); not sent: the collector's value applies", c.warnings().get(0));
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("ignored agent option predictions_regex=(: "
                + "not a Java regular expression")), c.warnings().toString());
    }
}
