package dev.skewguard.collector.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.RuleParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules file's format, its first-match patterns, and how a job's parameters are resolved from it. */
class ParameterRulesTest {
    private static final String RULES = """
            // comments are allowed
            {"rules": [
              {"jobs": ["team-a-*", "shared"], "parameters": {"threshold_imbalance": 20, "patience_imbalance": 0},
               "job_may_set": ["samples"]},
              {"jobs": ["team-*"], "parameters": {"argmax": true, "labels_regex": "y$"}, "job_may_set": []},
              {"jobs": ["*"]}
            ]}""";

    @Test
    void theFirstEntryWhosePatternMatchesApplies() {
        ParameterRules rules = ParameterRules.parse(RULES, null);
        assertEquals(1, rules.entryFor("team-a-7").orElseThrow().index());
        assertEquals(1, rules.entryFor("shared").orElseThrow().index());
        assertEquals(2, rules.entryFor("team-b").orElseThrow().index());
        assertEquals(3, rules.entryFor("anything").orElseThrow().index());
        assertTrue(ParameterRules.parse("{\"rules\": []}", null).entryFor("x").isEmpty());
    }

    @Test
    void aJobIsJudgedByTheCollectorThenTheEntryThenItsOwnUnlockedValues() {
        ParameterResolver resolver = new ParameterResolver(RuleParameters.builder().samples(700).build(),
                Patience.DEFAULTS, ParameterRules.parse(RULES, null));
        EffectiveParameters p = resolver.resolve("team-a-1", Map.of("samples", "100", "threshold_imbalance", "5.0"));
        assertEquals(20, p.rule().thresholdImbalance());
        assertEquals(100, p.rule().samples());
        assertEquals(0, p.patience().imbalanceLabels());
        assertEquals(ParameterSource.RULES_FILE, p.source("threshold_imbalance"));
        assertEquals(ParameterSource.RULES_FILE, p.source("patience_imbalance"));
        assertEquals(ParameterSource.JOB, p.source("samples"));
        assertEquals(ParameterSource.DEFAULT, p.source("threshold_misprediction"));
        assertEquals(List.of("team-a-*", "shared"), p.rulesEntry());
        assertEquals(1, p.ignored().size());
        assertEquals("threshold_imbalance", p.ignored().get(0).parameter());

        EffectiveParameters none = resolver.resolve("other", Map.of());
        assertEquals(ParameterSource.COLLECTOR, none.source("samples"));
        assertEquals(700, none.rule().samples());

        EffectiveParameters lockedAll = resolver.resolve("team-b", Map.of("samples", "100"));
        assertEquals(700, lockedAll.rule().samples(), "job_may_set []: every parameter locked");
        assertEquals("y$", lockedAll.rule().labelsRegex());

        EffectiveParameters open = new ParameterResolver(RuleParameters.DEFAULTS, Patience.DEFAULTS,
                ParameterRules.NONE).resolve("x", Map.of("window", "50", "patience_misprediction", "10"));
        assertEquals(50, open.rule().window());
        assertEquals(10, open.patience().mispredictionLabels());
        assertEquals(ParameterSource.JOB, open.source("patience_misprediction"));
    }

    @Test
    void aBadJobValueIsRefusedNamingTheParameterEvenWhenLocked() {
        ParameterResolver resolver = new ParameterResolver(RuleParameters.DEFAULTS, Patience.DEFAULTS,
                ParameterRules.parse(RULES, null));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> resolver.resolve("team-b", Map.of("threshold_misprediction", "NaN")));
        assertEquals("threshold_misprediction", e.parameter());
        assertEquals("patience_imbalance", assertThrows(InvalidParameterException.class,
                () -> resolver.resolve("x", Map.of("patience_imbalance", "-1"))).parameter());
        assertEquals("predictions_regex", assertThrows(InvalidParameterException.class,
                () -> resolver.resolve("x", Map.of("predictions_regex", "[a"))).parameter());
    }

    @Test
    void aWebhookSectionIsATargetOrNoneAndItsMistakesAreOneLine() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("skewguard", ".secret");
        java.nio.file.Files.writeString(secret, "s3cret");
        ParameterRules rules = ParameterRules.parse("{\"rules\": ["
                + "{\"jobs\": [\"a-*\"], \"webhook\": {\"url\": \"https://alerts.example.com/a\", \"secret_file\": \""
                + secret + "\"}}, {\"jobs\": [\"b-*\"], \"webhook\": null}, {\"jobs\": [\"*\"]}]}", null);
        assertEquals("https://alerts.example.com/a",
                rules.entryFor("a-1").orElseThrow().webhook().orElseThrow().target().orElseThrow().url().toString());
        assertTrue(rules.entryFor("b-1").orElseThrow().webhook().orElseThrow().target().isEmpty(), "null: no alerts");
        assertTrue(rules.entryFor("c-1").orElseThrow().webhook().isEmpty(), "absent: --webhook-url's");
        String plainHttp = assertThrows(IllegalArgumentException.class, () -> ParameterRules.parse("{\"rules\": "
                + "[{\"jobs\": [\"a-*\"], \"webhook\": {\"url\": \"http://alerts.example.com/a\", \"secret_file\": \""
                + secret + "\"}}]}", null)).getMessage();
        assertTrue(plainHttp.contains("entry 1") && plainHttp.contains("https"), plainHttp);
        String noSecret = assertThrows(IllegalArgumentException.class, () -> ParameterRules.parse(
                "{\"rules\": [{\"jobs\": [\"a-*\"], \"webhook\": {\"url\": \"https://x.example.com\"}}]}", null))
                .getMessage();
        assertTrue(noSecret.contains("\"webhook\" must be null") && noSecret.contains("secret_file"), noSecret);
        java.nio.file.Files.delete(secret);
    }

    @Test
    void mistakesInTheFileAreOneLineNamingTheEntry() {
        assertEquals("the rules file entry 1: unknown section \"parameter\" "
                + "(known: jobs, parameters, job_may_set, webhook)",
                message("{\"rules\": [{\"jobs\": [\"*\"], \"parameter\": {}}]}"));
        assertEquals("the rules file entry 2: threshold_imbalance: invalid value \"0.5\": must be a finite number of "
                + "at least 1", message("{\"rules\": [{\"jobs\": [\"a\"]}, {\"jobs\": [\"*\"], \"parameters\": "
                + "{\"threshold_imbalance\": 0.5}}]}"));
        assertTrue(message("{\"rules\": [{\"jobs\": [\"*\"], \"job_may_set\": [\"treshold\"]}]}")
                .contains("\"job_may_set\" names an unknown parameter \"treshold\""));
        assertTrue(message("{\"rules\": [{\"jobs\": []}]}").contains("\"jobs\" must list job-id patterns"));
        assertTrue(message("{\"rules\": [").startsWith("the rules file: not valid JSON"));
        assertTrue(message("{\"rule\": []}").startsWith("the rules file: expected an object with a list \"rules\""));
        assertTrue(message("{\"rules\": [{\"jobs\": [\"*\"], \"parameters\": {\"bogus\": 1}}]}")
                .contains("bogus: invalid value \"1\": unknown parameter (known: threshold_imbalance,"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ParameterRules.parse(text, null)).getMessage();
    }
}
