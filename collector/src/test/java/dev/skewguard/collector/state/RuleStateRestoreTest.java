package dev.skewguard.collector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.decision.StopDecision;
import dev.skewguard.collector.report.ReportJson;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.report.ReportTimes;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.RuleState;
import dev.skewguard.collector.rule.Tensor;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A rule and stop decision stored mid-stream and restored continue exactly like the originals. */
class RuleStateRestoreTest {

    /** Window 0 (dense UINT8 fast path) and window 50 (rings), with sparse ids, labels-only records, bad records. */
    @ParameterizedTest
    @ValueSource(ints = {0, 50})
    void restoredRuleAndDecisionContinueExactlyLikeTheOriginals(int window) throws IOException {
        RuleParameters parameters = RuleParameters.builder().samples(200).window(window).thresholdImbalance(4)
                .build();
        List<Record> records = records(new Random(42 + window), 400);
        ClassImbalanceRule original = new ClassImbalanceRule(parameters);
        StopDecision originalDecision = new StopDecision(original, new Patience(300, 200));
        ClassImbalanceRule restored = null;
        StopDecision restoredDecision = null;
        for (int i = 0; i < records.size(); i++) {
            if (i == records.size() / 3) {
                Stored stored = StateCodec.decode(StateCodec.encode(
                        new Stored(original.state(), originalDecision.state())), Stored.class);
                restored = ClassImbalanceRule.restore(stored.rule());
                restoredDecision = StopDecision.restore(restored, stored.decision());
                assertEquals(json(original, originalDecision), json(restored, restoredDecision));
            }
            Optional<Finding> fired = original.accept(records.get(i));
            StopDecision.Update update = originalDecision.afterRecord();
            if (restored != null) {
                assertEquals(fired, restored.accept(records.get(i)), "record " + i);
                assertEquals(update, restoredDecision.afterRecord(), "record " + i);
                assertEquals(original.headroom().labels(), restored.headroom().labels(), "record " + i);
            }
        }
        assertTrue(original.finding().isPresent(), "the records make the rule fire: the test covers a finding");
        assertTrue(original.report().dataErrors() > 0, "the records include bad ones");
        assertEquals(json(original, originalDecision), json(restored, restoredDecision));
    }

    @Test
    void aStateRefusesClassesOutsideTheCollectorsOwn() throws IOException {
        byte[] foreign = StateCodec.encode(new java.net.InetSocketAddress(1));
        assertThrows(InvalidClassException.class, () -> StateCodec.decode(foreign, Stored.class));
    }

    @Test
    void aStateOfAnotherTypeIsRefused() {
        byte[] other = StateCodec.encode(new ArrayList<>(List.of("x")));
        assertThrows(InvalidClassException.class, () -> StateCodec.decode(other, Stored.class));
    }

    /** What the test stores: the two states together, as the collector does. */
    record Stored(RuleState rule, StopDecision.State decision) implements Serializable {
    }

    private static String json(ClassImbalanceRule rule, StopDecision decision) {
        String json = ReportJson.toJson(rule.report(), decision.report(), ReportTimes.NONE, List.of(), Map.of());
        ReportSchema.validated(json);
        return json;
    }

    /** Mostly class 0 and 1 with a drifting share, some large (sparse) ids, labels-only and bad records. */
    private static List<Record> records(Random random, int n) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Mode mode = i % 5 == 0 ? Mode.EVAL : Mode.TRAIN;
            int kind = random.nextInt(20);
            if (kind == 0) {
                out.add(new Record(i, mode, "w" + (i % 3), List.of(int64("x/labels", 1, 2),
                        int64("x/predictions", 1))));
                continue;
            }
            int rows = 8 + random.nextInt(24);
            if (kind == 1) {
                long[] labels = new long[rows];
                long[] predictions = new long[rows];
                for (int r = 0; r < rows; r++) {
                    labels[r] = 100_000 + random.nextInt(3);
                    predictions[r] = random.nextBoolean() ? labels[r] : 0;
                }
                out.add(new Record(i, mode, "w0", List.of(int64("x/labels", labels), int64("x/predictions",
                        predictions))));
                continue;
            }
            byte[] labels = new byte[rows];
            byte[] predictions = new byte[rows];
            double share = i < n / 2 ? 0.5 : 0.95;
            for (int r = 0; r < rows; r++) {
                labels[r] = (byte) (random.nextDouble() < share ? 0 : 1 + random.nextInt(3));
                predictions[r] = random.nextInt(4) == 0 ? (byte) random.nextInt(4) : labels[r];
            }
            if (kind == 2) {
                out.add(new Record(i, mode, "w1", List.of(uint8("x/labels", labels))));
            } else {
                out.add(new Record(i, mode, "w" + (i % 3), List.of(uint8("x/labels", labels),
                        uint8("x/predictions", predictions))));
            }
        }
        return out;
    }

    private static Tensor uint8(String name, byte[] values) {
        return Tensor.of(name, new long[] {values.length}, DType.UINT8, ByteBuffer.wrap(values));
    }

    private static Tensor int64(String name, long... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            data.putLong(v);
        }
        data.flip();
        return Tensor.of(name, new long[] {values.length}, DType.INT64, data);
    }
}
