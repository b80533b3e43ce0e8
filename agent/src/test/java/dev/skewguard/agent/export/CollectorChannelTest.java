package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The channel's calls see the collector as it is now, not as it was at the last failed connection attempt. */
class CollectorChannelTest {

    @Test
    void aCallAfterARefusedConnectionConnectsToACollectorThatCameUpMeanwhile() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) {
            AgentConfig config = AgentConfig.builder().endpoint(collector.endpoint()).job("channel-test").build();
            CollectorChannel channel = new CollectorChannel(TransportLoader.channelFactory(), config.endpoint(),
                    config.security());
            try {
                StreamSession refused = open(channel);
                awaitEnd(refused);
                assertEquals(Status.Code.UNAVAILABLE, refused.endStatus().getCode(), refused.endStatus().toString());

                // At once, well within gRPC's own reconnect backoff (1 s and more): the next call must try again.
                collector.start();
                StreamSession next = open(channel);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (next.welcome() == null && next.endStatus() == null && System.nanoTime() - deadline < 0) {
                    Thread.sleep(5);
                }
                assertNull(next.endStatus(), () -> "the call failed on the earlier attempt: " + next.endStatus());
                assertNotNull(next.welcome(), "no Welcome within 5 s");
                next.cancel("done");
            } finally {
                channel.close();
            }
        }
    }

    private static StreamSession open(CollectorChannel channel) {
        StreamSession session = new StreamSession(() -> { }, stop -> { });
        channel.open(session);
        session.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("channel-test")
                .setInstanceId("i")).build());
        return session;
    }

    private static void awaitEnd(StreamSession session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (session.endStatus() == null && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertNotNull(session.endStatus(), "the call to a port nothing listens on did not end within 5 s");
    }
}
