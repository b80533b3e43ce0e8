package dev.skewguard.collector.jobs;

import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.Stop;

/**
 * One agent's open stream, as its job and the registry see it: what they tell the agent (Stop, a Notice), and the
 * stream's end. The transport's stream implements it; the jobs know nothing of gRPC calls.
 */
public interface AgentConnection {
    /** Sends Stop once, unless this stream is closed or already got it (in Welcome or before). */
    boolean sendStop(Stop stop);

    /** Sends the Notice once, after Welcome, unless this stream is closed or already got one. */
    boolean sendNotice(Notice notice);

    /** Sends a Notice with {@code note} (Notice.parameters_note) once, after Welcome. */
    void sendParametersNote(String note);

    /** The job this stream said Hello for, if it has (else null). */
    Job job();

    /** "worker "w0" of job "j1"", for log lines. */
    String who();

    /** The job's state was stored: the stream acknowledges what is now durable. */
    void persisted();

    /** The collector is closing: the stream ends. */
    void shutDown();
}
