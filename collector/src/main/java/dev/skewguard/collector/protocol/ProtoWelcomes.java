package dev.skewguard.collector.protocol;

import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Welcome;

/** Builds the Welcome a stream gets once its Hello joined the job. */
public final class ProtoWelcomes {
    private ProtoWelcomes() {
    }

    /**
     * The Welcome for an instance counted through {@code lastCountedSequence}, judged by {@code parameters} (the
     * tensor name patterns the agent matches); with {@code durable} (a state dir) it says so and how far the
     * instance is stored ({@code lastPersistedSequence}); with a {@code stop} (null: none) the job is stopped already.
     */
    public static Welcome welcome(long lastCountedSequence, RuleParameters parameters, boolean durable,
                                  long lastPersistedSequence, Stop stop) {
        Welcome.Builder welcome = Welcome.newBuilder().setLastCountedSequence(lastCountedSequence)
                .setLabelsRegex(parameters.labelsRegex())
                .setPredictionsRegex(parameters.predictionsRegex());
        if (durable) {
            welcome.setDurable(true).setLastPersistedSequence(lastPersistedSequence);
        }
        if (stop != null) {
            welcome.setJobStopped(true).setStop(stop);
        }
        return welcome.build();
    }
}
