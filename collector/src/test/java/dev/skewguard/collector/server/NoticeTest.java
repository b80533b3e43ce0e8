package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.CollectorServerTest.SKEWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Notice;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Under --action log the job's agents are told of the finding (a Notice), once per stream; under stop, never. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoticeTest {
    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private void start(Action action) throws Exception {
        start(action, Patience.NONE);
    }

    private void start(Action action, Patience patience) throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).action(action).patience(patience)
                .quiet(true).log(log::add).build());
    }

    @Test
    void theNoticeWaitsForTheDecisionAsAStopWould() throws Exception {
        start(Action.LOG, new Patience(1000, 1000));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED); // the first trigger
            agent.awaitAck(1);
            assertTrue(agent.notices.isEmpty(), "the first trigger alone is not the decision");
            agent.batch(2, SKEWED, SKEWED); // held over 1,000 more labels: the decision
            Notice notice = agent.awaitNotice();
            assertEquals(1, notice.getFinding().getFirstTriggerStep());
            assertEquals(1000, notice.getFinding().getHeldLabels());
        }
    }

    @Test
    void actionLogTellsEveryAgentOfTheJobOnceAndAgentsThatConnectLaterRightAfterWelcome() throws Exception {
        start(Action.LOG);
        try (TestAgent trigger = TestAgent.connect(collector.port());
             TestAgent other = TestAgent.connect(collector.port());
             TestAgent otherJob = TestAgent.connect(collector.port())) {
            trigger.hello("job-a", "w0", "i0");
            other.hello("job-a", "w1", "i1");
            otherJob.hello("job-b", "wb", "i2");
            trigger.batch(1, SKEWED, SKEWED);
            Notice notice = trigger.awaitNotice();
            assertEquals(List.of("imbalance"), notice.getFinding().getChecksList());
            assertTrue(notice.getFinding().getSummary().startsWith("ClassImbalance: imbalance ratio 99.0 > 10.0"),
                    notice.getFinding().getSummary());
            assertEquals("w0", notice.getFinding().getWorkerId());
            assertEquals(notice, other.awaitNotice(), "the job's other agent is told the same");

            trigger.batch(2, SKEWED, SKEWED);
            trigger.awaitAck(2);
            // job-a's notices all went out before other.awaitNotice() returned: job-b's first one is its own.
            otherJob.batch(1, SKEWED, SKEWED);
            assertEquals("wb", otherJob.awaitNotice().getFinding().getWorkerId(), "job-b hears of job-b only");
            trigger.goodbye();
            assertEquals(Status.Code.OK, trigger.awaitEnd().getCode());
            assertEquals(1, trigger.notices.size(), "once per stream, however many batches follow");
            assertTrue(trigger.stops.isEmpty(), "a notice, not a Stop");
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("TRIGGERED job \"job-a\"")
                && line.contains("not stopping it (--action log); told 2 agents (agents of this job that connect "
                        + "later are told too); advice: class weights 1: 50, 0: 0.5051")), log.toString());

        try (TestAgent later = TestAgent.connect(collector.port())) {
            later.hello("job-a", "w2", "i3");
            CollectorMessage next = later.next();
            assertTrue(next.hasNotice(), "the first message after Welcome: " + next);
            assertEquals("w0", next.getNotice().getFinding().getWorkerId());
        }
    }

    @Test
    void actionStopSendsStopAndNeverANotice() throws Exception {
        start(Action.STOP);
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED);
            agent.awaitStop();
            agent.batch(2, SKEWED, SKEWED);
            agent.awaitAck(2);
            agent.goodbye();
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            assertTrue(agent.notices.isEmpty(), "Stop instead of a notice");
        }
        try (TestAgent later = TestAgent.connect(collector.port())) {
            later.hello("job", "w1", "i1");
            later.batch(1, SKEWED, SKEWED);
            later.awaitAck(1);
            later.goodbye();
            later.awaitEnd();
            assertTrue(later.notices.isEmpty());
        }
    }
}
