package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.SkewguardProto;
import dev.skewguard.proto.v1.Stop;
import org.junit.jupiter.api.Test;

/**
 * CollectorMessage.notice is an addition only: an agent built from the previous proto (this file without Notice)
 * reads a Notice as no message kind at all, with the bytes kept as unknown fields (its switch ignores it), and
 * reads every other message as before; what a previous collector sends reads in this version without a notice.
 */
class NoticeCompatibilityTest {
    /** The previous version's CollectorMessage: this proto file without the Notice message and field. */
    private static Descriptor previousCollectorMessage() throws Exception {
        FileDescriptorProto.Builder file = SkewguardProto.getDescriptor().toProto().toBuilder();
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            if (file.getMessageType(i).getName().equals("Notice")) {
                file.removeMessageType(i);
                break;
            }
        }
        for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
            if (message.getName().equals("CollectorMessage")) {
                for (int i = 0; i < message.getFieldCount(); i++) {
                    if (message.getField(i).getName().equals("notice")) {
                        message.removeField(i);
                        break;
                    }
                }
            }
        }
        return FileDescriptor.buildFrom(file.build(), new FileDescriptor[0])
                .findMessageTypeByName("CollectorMessage");
    }

    @Test
    void aPreviousAgentReadsANoticeAsNothingAndOtherMessagesAsBefore() throws Exception {
        Descriptor previous = previousCollectorMessage();
        assertNull(previous.findFieldByName("notice"));
        CollectorMessage notice = CollectorMessage.newBuilder().setNotice(Notice.newBuilder()
                .setFinding(Finding.newBuilder().addChecks("imbalance").setSummary("s"))).build();
        DynamicMessage read = DynamicMessage.parseFrom(previous, notice.toByteArray());
        assertNull(read.getOneofFieldDescriptor(previous.getOneofs().get(0)), "no kind: the agent ignores it");
        assertFalse(read.getUnknownFields().asMap().isEmpty(), "kept as unknown, not misread as another kind");

        CollectorMessage stop = CollectorMessage.newBuilder().setStop(Stop.newBuilder()
                .setFinding(Finding.newBuilder().addChecks("imbalance"))).build();
        DynamicMessage readStop = DynamicMessage.parseFrom(previous, stop.toByteArray());
        assertEquals("stop", readStop.getOneofFieldDescriptor(previous.getOneofs().get(0)).getName());
    }

    @Test
    void whatAPreviousCollectorSendsReadsWithoutANotice() throws Exception {
        Descriptor previous = previousCollectorMessage();
        byte[] old = DynamicMessage.newBuilder(previous)
                .setField(previous.findFieldByName("ack"), DynamicMessage.parseFrom(
                        previous.findFieldByName("ack").getMessageType(),
                        Ack.newBuilder().setCountedThrough(5).build().toByteArray()))
                .build().toByteArray();
        CollectorMessage read = CollectorMessage.parseFrom(old);
        assertEquals(CollectorMessage.KindCase.ACK, read.getKindCase());
        assertFalse(read.hasNotice());
        assertEquals(5, read.getAck().getCountedThrough());
    }
}
