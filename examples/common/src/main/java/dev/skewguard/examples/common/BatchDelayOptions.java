package dev.skewguard.examples.common;

import picocli.CommandLine.Option;

/**
 * The {@code --batch-delay-ms} option, as a picocli mixin: a pause on the training thread after each training batch
 * (XGBoost4J: each boosting round), so that a run lasts long enough to attach an agent to it while it trains (tests,
 * demos). 0, the default, never sleeps.
 */
public final class BatchDelayOptions {
    @Option(names = "--batch-delay-ms", defaultValue = "0",
            description = "Sleep this long after each training batch, to make a run last (default: ${DEFAULT-VALUE}).")
    public long batchDelayMs;

    /** Sleeps {@code --batch-delay-ms}; an interrupt ends the sleep and stays set. */
    public void pause() {
        if (batchDelayMs <= 0) {
            return;
        }
        try {
            Thread.sleep(batchDelayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
