package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.skewguard.collector.protocol.ProtoParameters;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.JobParameters;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.SkewguardProto;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hello.parameters and Notice.parameters_note are additions only: a previous collector reads a new agent's Hello as
 * before (the parameters kept as unknown fields), this collector reads a previous agent's Hello as asking nothing,
 * and a previous agent reads a parameters Notice as a Notice without finding (which it ignores).
 */
class JobParametersCompatibilityTest {
    /** The previous version's message {@code name}: this proto without JobParameters, Hello.parameters, the note. */
    private static Descriptor previous(String name) throws Exception {
        FileDescriptorProto.Builder file = SkewguardProto.getDescriptor().toProto().toBuilder();
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            if (file.getMessageType(i).getName().equals("JobParameters")) {
                file.removeMessageType(i);
                break;
            }
        }
        for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
            for (int i = 0; i < message.getFieldCount(); i++) {
                String field = message.getField(i).getName();
                if (field.equals("parameters") && message.getName().equals("Hello")
                        || field.equals("parameters_note")) {
                    message.removeField(i);
                    break;
                }
            }
        }
        return FileDescriptor.buildFrom(file.build(), new FileDescriptor[0]).findMessageTypeByName(name);
    }

    @Test
    void aPreviousCollectorReadsANewAgentsHelloAsBefore() throws Exception {
        Descriptor previousHello = previous("Hello");
        assertNull(previousHello.findFieldByName("parameters"));
        Hello hello = Hello.newBuilder().setJobId("j").setWorkerId("w").setInstanceId("i").setAttached(true)
                .setParameters(JobParameters.newBuilder().setThresholdImbalance(50).setSamples(0)).build();
        DynamicMessage read = DynamicMessage.parseFrom(previousHello, hello.toByteArray());
        assertEquals("j", read.getField(previousHello.findFieldByName("job_id")));
        assertEquals(true, read.getField(previousHello.findFieldByName("attached")));
        assertFalse(read.getUnknownFields().asMap().isEmpty(), "the parameters are kept as unknown, not misread");
    }

    @Test
    void aPreviousAgentsHelloAsksForNothingAndZeroDiffersFromNotSet() throws Exception {
        Descriptor previousHello = previous("Hello");
        byte[] old = DynamicMessage.newBuilder(previousHello)
                .setField(previousHello.findFieldByName("job_id"), "j")
                .setField(previousHello.findFieldByName("worker_id"), "w")
                .setField(previousHello.findFieldByName("instance_id"), "i").build().toByteArray();
        Hello read = Hello.parseFrom(old);
        assertFalse(read.hasParameters());
        assertEquals(Map.of(), ProtoParameters.requested(read));
        Hello zero = Hello.newBuilder().setParameters(JobParameters.newBuilder().setWindow(0)).build();
        assertEquals(Map.of("window", "0"), ProtoParameters.requested(Hello.parseFrom(zero.toByteArray())),
                "window=0 set is not window not set");
    }

    @Test
    void aPreviousAgentReadsAParametersNoticeAsANoticeWithoutFinding() throws Exception {
        Descriptor previousNotice = previous("Notice");
        Notice note = Notice.newBuilder().setParametersNote("threshold_imbalance=5.0 ignored").build();
        DynamicMessage read = DynamicMessage.parseFrom(previousNotice, note.toByteArray());
        assertFalse(read.hasField(previousNotice.findFieldByName("finding")), "no finding: a previous agent ignores it");
        Notice finding = Notice.newBuilder().setFinding(Finding.newBuilder().setSummary("s")).build();
        assertTrue(DynamicMessage.parseFrom(previousNotice, finding.toByteArray())
                .hasField(previousNotice.findFieldByName("finding")));
    }
}
