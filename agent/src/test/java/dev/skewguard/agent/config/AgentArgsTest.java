package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
    @Test
    void splitsOnCommasAndNormalizesKeys() {
        AgentArgs a = AgentArgs.parse(" endpoint=h:1 , ON-STOP=exit,,noequals");
        assertEquals(Map.of("endpoint", "h:1", "on_stop", "exit"), a.values());
        assertEquals(List.of("ignored agent option 'noequals': expected key=value"), a.warnings());
    }
}
