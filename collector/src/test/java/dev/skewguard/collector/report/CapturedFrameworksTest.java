package dev.skewguard.collector.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturedFrameworksTest {
    @Test
    void onlyFrameworkModeLabelsOrPredictionsNamesNameAFramework() {
        assertEquals("djl", CapturedFrameworks.fromTensorName("djl/train/labels"));
        assertEquals("dl4j", CapturedFrameworks.fromTensorName("dl4j/eval/predictions"));
        assertNull(CapturedFrameworks.fromTensorName("labels:0"));
        assertNull(CapturedFrameworks.fromTensorName("train/labels"));
        assertNull(CapturedFrameworks.fromTensorName("a/b/c/labels"));
        assertNull(CapturedFrameworks.fromTensorName("/train/labels"));
        assertNull(CapturedFrameworks.fromTensorName("djl/train/scores"));
    }

    @Test
    void keepsFirstSightOrderWithoutRepeatsAndWithinItsBounds() {
        List<String> frameworks = new ArrayList<>();
        CapturedFrameworks.add(frameworks, "xgboost");
        CapturedFrameworks.add(frameworks, "djl");
        CapturedFrameworks.add(frameworks, "xgboost");
        CapturedFrameworks.add(frameworks, "");
        CapturedFrameworks.add(frameworks, null);
        CapturedFrameworks.add(frameworks, "x".repeat(CapturedFrameworks.MAX_NAME_LENGTH + 1));
        assertEquals(List.of("xgboost", "djl"), frameworks);
        for (int i = 0; i < 100; i++) {
            CapturedFrameworks.add(frameworks, "f" + i);
        }
        assertEquals(CapturedFrameworks.MAX, frameworks.size());
    }
}
