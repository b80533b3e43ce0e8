package dev.skewguard.collector.jobs;

/** A consistent view of the job for the progress line and the done check. */
public record JobSnapshot(long batchesCounted, long duplicateBatches, long droppedBatches, long rejectedStreams,
                          int connectedStreams, int instances, boolean allSaidGoodbye, long lastGoneNanos,
                          boolean triggered, boolean decided, boolean stopDelivered) {
}
