package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentVersion;
import dev.skewguard.agent.LoadedAgent;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.JobIdentity;
import dev.skewguard.proto.v1.Hello;
import java.net.InetAddress;
import java.util.List;

/** The Hello that opens each stream: who this worker is (job, worker, instance, host, pid) and what it captures. */
final class HelloMessage {
    private HelloMessage() {
    }

    /**
     * The job and worker ids are {@code job=} and {@code worker=}, or what an instrumentation named
     * ({@link JobIdentity}), or the defaults (the worker: host:pid).
     */
    static Hello of(AgentConfig config, List<String> instrumentations, String instanceId, int window) {
        long pid = ProcessHandle.current().pid();
        String host = hostName();
        return Hello.newBuilder()
                .setJobId(JobIdentity.job(config))
                .setWorkerId(JobIdentity.worker(config, host + ":" + pid))
                .setInstanceId(instanceId)
                .setPid(pid)
                .setHost(host)
                .addAllFrameworks(instrumentations)
                .setAgentVersion(AgentVersion.version())
                .setMaxUnacknowledged(window)
                .setAttached(LoadedAgent.attached())
                .mergeFrom(HelloParameters.of(config.jobParameters()))
                .build();
    }

    /**
     * {@code hello} as it stands at a connection: the job and worker ids and the instrumentations in force now (an
     * instrumentation may name the job after the warm-up built the Hello; the set-up may end after it), and this
     * connection's instance id.
     */
    static Hello asOfNow(Hello hello, AgentConfig config, List<String> instrumentations, String instanceId) {
        return hello.toBuilder()
                .setJobId(JobIdentity.job(config))
                .setWorkerId(JobIdentity.worker(config, hello.getHost() + ":" + hello.getPid()))
                .clearFrameworks()
                .addAllFrameworks(instrumentations)
                .setInstanceId(instanceId)
                .build();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }
}
