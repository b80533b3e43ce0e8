package dev.skewguard.collector.rule;

import java.util.List;
import java.util.Objects;

/**
 * One batch of a run: its step, mode and worker, and its named tensors. The rule pairs the tensors whose names
 * match labels_regex with those matching predictions_regex.
 */
public record Record(long step, Mode mode, String worker, List<Tensor> tensors) {
    public Record {
        Objects.requireNonNull(mode, "mode");
        worker = worker == null ? "" : worker;
        tensors = List.copyOf(tensors);
    }
}
