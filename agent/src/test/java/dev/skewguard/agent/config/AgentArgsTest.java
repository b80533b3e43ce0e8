package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
    @Test
    void splitsOnCommasAndNormalizesKeys() {
        AgentArgs a = AgentArgs.parse(" endpoint=h:1 , ON-STOP=exit,,noequals");
        assertEquals(Map.of("endpoint", "h:1", "on_stop", "exit"), a.values());
        assertEquals(List.of("ignored agent option 'noequals': expected key=value"), a.warnings());
    }

    @Test
    void methodsRunsToTheNextAgentOptionWhereverItStands() {
        String spec = "a.B#m:labels=arg0,predictions=return;a.C#n:labels=arg1,predictions=arg2,mode=eval,step=arg0";
        AgentArgs first = AgentArgs.parse("methods=" + spec + ",job=j1,predictions=scores");
        assertEquals(Map.of("methods", spec, "job", "j1", "predictions", "scores"), first.values());
        AgentArgs middle = AgentArgs.parse("job=j1,methods=" + spec + ",on-stop=log");
        assertEquals(Map.of("methods", spec, "job", "j1", "on_stop", "log"), middle.values());
        AgentArgs last = AgentArgs.parse("job=j1,methods=" + spec);
        assertEquals(Map.of("methods", spec, "job", "j1"), last.values());
    }

    @Test
    void instrumentationKeysAlsoEndTheMethodsValue() {
        AgentArgs a = AgentArgs.parse("methods=a.B#m:labels=arg0,xgboost_every=5,djl=false",
                Set.of("endpoint", "job", "xgboost_every", "djl"));
        assertEquals(Map.of("methods", "a.B#m:labels=arg0", "xgboost_every", "5", "djl", "false"), a.values());
    }

    @Test
    void piecesThatAreNoAgentOptionStayInTheSpecForItsParserToJudge() {
        AgentArgs a = AgentArgs.parse("methods=a.B#m:lables=arg0,garbage,job=j");
        assertEquals(Map.of("methods", "a.B#m:lables=arg0,garbage", "job", "j"), a.values());
    }
}
