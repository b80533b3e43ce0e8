package dev.skewguard.collector.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParametersTest {
    @Test
    void defaultsAreTheSeeds() {
        RuleParameters d = RuleParameters.DEFAULTS;
        assertEquals(10.0, d.thresholdImbalance());
        assertEquals(0.7, d.thresholdMisprediction());
        assertEquals(500, d.samples());
        assertEquals(false, d.argmax());
        assertEquals(".*labels", d.labelsRegex());
        assertEquals(".*predictions", d.predictionsRegex());
        assertEquals(0, d.window());
        assertEquals(0, d.numClasses());
    }

    @Test
    void asMapUsesSnakeCaseNamesInOrder() {
        Map<String, Object> map = RuleParameters.DEFAULTS.asMap();
        assertEquals(RuleParameters.NAMES, List.copyOf(map.keySet()));
        assertEquals(10.0, map.get("threshold_imbalance"));
        assertEquals(500, map.get("samples"));
        assertEquals(false, map.get("argmax"));
        assertEquals(".*labels", map.get("labels_regex"));
    }

    @Test
    void fromPropertiesReadsEveryParameter() {
        RuleParameters p = RuleParameters.fromProperties(Map.of("threshold_imbalance", "2.5",
                "threshold_misprediction", "0.25", "samples", "64", "argmax", "True", "labels_regex", "y_true",
                "predictions_regex", "y_pred", "window", "128", "num_classes", " 10 "));
        assertEquals(2.5, p.thresholdImbalance());
        assertEquals(0.25, p.thresholdMisprediction());
        assertEquals(64, p.samples());
        assertEquals(true, p.argmax());
        assertEquals("y_true", p.labelsRegex());
        assertEquals("y_pred", p.predictionsRegex());
        assertEquals(128, p.window());
        assertEquals(10, p.numClasses());
        assertEquals(p, RuleParameters.fromProperties(Map.of()).withProperties(
                p.asMap().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().toString()))));
    }

    private static void refused(String name, String value, String reason) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> RuleParameters.fromProperties(Map.of(name, value)));
        assertEquals(name, e.parameter());
        assertEquals(value, e.value());
        assertEquals(name + ": invalid value \"" + value + "\": " + reason, e.getMessage());
    }

    @Test
    void invalidValuesAreRefusedNamingParameterAndValue() {
        refused("threshold_imbalance", "0.5", "must be a finite number of at least 1");
        refused("threshold_imbalance", "NaN", "must be a finite number of at least 1");
        refused("threshold_imbalance", "ten", "not a number");
        refused("threshold_misprediction", "1.5", "must be between 0 and 1");
        refused("threshold_misprediction", "-0.1", "must be between 0 and 1");
        refused("samples", "0", "must be at least 1");
        refused("samples", "5.5", "not an integer");
        refused("argmax", "yes", "not a boolean (true or false)");
        refused("window", "-1", "must not be negative");
        refused("num_classes", "-3", "must not be negative");
        // the reason's detail comes from java.util.regex and may differ between JDKs
        InvalidParameterException regex = assertThrows(InvalidParameterException.class,
                () -> RuleParameters.fromProperties(Map.of("labels_regex", "([a-z")));
        assertEquals("labels_regex", regex.parameter());
        assertTrue(regex.getMessage().startsWith("labels_regex: invalid value \"([a-z\": not a regular expression ("),
                regex.getMessage());
        regex = assertThrows(InvalidParameterException.class,
                () -> RuleParameters.fromProperties(Map.of("predictions_regex", "*x")));
        assertEquals("*x", regex.value());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> RuleParameters.fromProperties(Map.of("treshold_imbalance", "3")));
        assertEquals("treshold_imbalance", e.parameter());
    }

    @Test
    void builderRefusesToo() {
        assertThrows(InvalidParameterException.class, () -> RuleParameters.builder().samples(0));
        assertThrows(InvalidParameterException.class,
                () -> RuleParameters.builder().thresholdImbalance(Double.POSITIVE_INFINITY));
        assertEquals(1.0, RuleParameters.builder().thresholdImbalance(1).build().thresholdImbalance());
        assertEquals(0.0, RuleParameters.builder().thresholdMisprediction(0).build().thresholdMisprediction());
        assertEquals(1.0, RuleParameters.builder().thresholdMisprediction(1).build().thresholdMisprediction());
    }
}
