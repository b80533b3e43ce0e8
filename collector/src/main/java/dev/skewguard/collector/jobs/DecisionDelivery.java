package dev.skewguard.collector.jobs;

import dev.skewguard.collector.protocol.ProtoFindings;
import dev.skewguard.proto.v1.Notice;
import java.util.List;
import java.util.function.Supplier;

/** Acting on a job's stop decision: its Stop to the job's streams (--action stop), or its Notice (--action log). */
final class DecisionDelivery {
    private DecisionDelivery() {
    }

    /** What acting on a decision did: the line's part saying so, and the agents told or stopped. */
    record Acted(String line, int agents) {
    }

    /**
     * Sends the Stop (--action stop) or the Notice (--action log, to the job's streams among {@code openStreams}) of
     * the decision; says what was done.
     */
    static Acted act(Job job, CountedBatch counted, Supplier<List<AgentConnection>> openStreams) {
        if (counted.stop() == null) {
            Notice notice = ProtoFindings.notice(counted.decided().orElseThrow());
            int told = 0;
            for (AgentConnection stream : openStreams.get()) {
                told += stream.job() == job && stream.sendNotice(notice) ? 1 : 0;
            }
            return new Acted("not stopping it (--action log); told " + told + (told == 1 ? " agent" : " agents")
                    + " (agents of this job that connect later are told too)", told);
        }
        int sent = 0;
        for (AgentConnection stream : counted.streamsToStop()) {
            sent += stream.sendStop(counted.stop()) ? 1 : 0;
        }
        job.stopDelivered();
        return new Acted("sent Stop to " + sent + (sent == 1 ? " agent" : " agents")
                + " (agents of this job that connect later get it too)", sent);
    }
}
