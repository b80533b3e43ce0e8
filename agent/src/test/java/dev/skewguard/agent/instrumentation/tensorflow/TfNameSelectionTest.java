package dev.skewguard.agent.instrumentation.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.AnnouncedRegexes;
import dev.skewguard.agent.config.AgentConfig;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TfNameSelectionTest {

    @Test
    void rolesUseSearchSemanticsAsTheRuleDoes() {
        TfNameSelection s = new TfNameSelection(Pattern.compile(".*labels"), Pattern.compile(".*predictions"),
                "test", 0);
        assertEquals(TfNameSelection.LABELS, s.role("labels:0"));
        assertEquals(TfNameSelection.LABELS, s.role("eval/onehot_labels:0"));
        assertEquals(TfNameSelection.PREDICTIONS, s.role("predictions:0"));
        assertEquals(0, s.role("loss:0"));
        assertEquals(0, s.role("logits:0"));
        TfNameSelection both = new TfNameSelection(Pattern.compile("y"), Pattern.compile("y"), "test", 0);
        assertEquals(TfNameSelection.LABELS | TfNameSelection.PREDICTIONS, both.role("y:0"));
    }

    @Test
    void theCacheIsBounded() {
        TfNameSelection s = new TfNameSelection(Pattern.compile("labels"), Pattern.compile("predictions"), "test", 0);
        for (int i = 0; i < 3 * TfNameSelection.MAX_NAMES; i++) {
            assertEquals(0, s.role("t" + i + ":0"));
        }
        assertEquals(TfNameSelection.LABELS, s.role("labels:0"));
    }

    @Test
    void optionsGiveTheRegexesAndABadOneFallsBackToTheDefaultWithAWarning() {
        AgentConfig config = AgentConfig.builder().job("j").instrumentationOption(TfOptions.LABELS_KEY, "^y:0$", "test")
                .instrumentationOption(TfOptions.PREDICTIONS_KEY, "probs(", "test").build();
        TfNameSelection s = TfOptions.selection(config);
        assertEquals("^y:0$", s.labelsRegex());
        assertEquals(TfOptions.DEFAULT_PREDICTIONS, s.predictionsRegex());
        assertEquals("agent options", s.source());
    }

    @Test
    void theCollectorsAnnouncedRegexesReplaceTheOptions() {
        TfTensorNames.useOptions(new TfNameSelection(Pattern.compile(".*labels"), Pattern.compile(".*predictions"),
                "the agent's defaults", 0));
        AnnouncedRegexes.announce("^y:0$", "^probs:0$");
        TfNameSelection s = TfTensorNames.selection();
        assertEquals("^y:0$", s.labelsRegex());
        assertEquals("the collector", s.source());
        assertEquals(TfNameSelection.LABELS, s.role("y:0"));
        assertEquals(0, s.role("labels:0"));
        // An older collector's empty Welcome fields change nothing.
        AnnouncedRegexes.announce("", "");
        assertTrue(TfTensorNames.selection() == s);
    }
}
