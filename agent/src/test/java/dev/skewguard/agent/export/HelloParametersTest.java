package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.JobParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's parameters travel in Hello.parameters, set ones only; none given: no field (as agents before it). */
class HelloParametersTest {
    @Test
    void givenParametersAreSentAndOthersLeftUnset() {
        AgentConfig config = AgentConfig.builder().job("j").jobParameter("threshold_imbalance", "50.0")
                .jobParameter("window", "0").jobParameter("argmax", "false").build();
        Hello hello = HelloMessage.of(config, List.of("methods"), "i0", 64);
        assertTrue(hello.hasParameters());
        JobParameters p = hello.getParameters();
        assertEquals(50.0, p.getThresholdImbalance());
        assertTrue(p.hasWindow() && p.getWindow() == 0, "0 is sent as set");
        assertTrue(p.hasArgmax() && !p.getArgmax());
        assertFalse(p.hasSamples() || p.hasThresholdMisprediction() || p.hasLabelsRegex());
        assertEquals("j", hello.getJobId());
    }

    @Test
    void noParametersNoField() {
        assertFalse(HelloMessage.of(AgentConfig.defaults("j"), List.of(), "i0", 64).hasParameters());
    }

    @Test
    void aParametersNoticeIsOneEscapedLine() {
        assertEquals("the collector did not apply every rule parameter this agent sent: threshold_imbalance=50.0 "
                + "ignored\\n (training continues; see the job's report, job_parameters)",
                CollectorNotices.parametersLine("threshold_imbalance=50.0 ignored\n"));
    }
}
