package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentVersion;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.proto.v1.Hello;
import java.net.InetAddress;
import java.util.List;

/** The Hello that opens each stream: who this worker is (job, worker, instance, host, pid) and what it captures. */
final class HelloMessage {
    private HelloMessage() {
    }

    /** The worker id is {@code worker=} or, without it, host:pid. */
    static Hello of(AgentConfig config, List<String> instrumentations, String instanceId, int window) {
        long pid = ProcessHandle.current().pid();
        String host = hostName();
        String worker = config.worker() != null ? config.worker() : host + ":" + pid;
        return Hello.newBuilder()
                .setJobId(config.job())
                .setWorkerId(worker)
                .setInstanceId(instanceId)
                .setPid(pid)
                .setHost(host)
                .addAllFrameworks(instrumentations)
                .setAgentVersion(AgentVersion.version())
                .setMaxUnacknowledged(window)
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
