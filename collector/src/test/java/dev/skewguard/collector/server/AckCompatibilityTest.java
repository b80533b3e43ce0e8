package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.Mode;
import org.junit.jupiter.api.Test;

/**
 * The Ack's headroom fields (labels_to_spare, classes_below, counted_modes) are additions only: an agent built from
 * the previous proto reads this collector's Acks as before, and this collector's agents read a previous collector's
 * Acks (no headroom: the ordinary pace, see the agent's HeadroomTest).
 */
class AckCompatibilityTest {
    /** The previous version's Ack: counted_through and persisted_through only. */
    private static Descriptor previousAck() throws Exception {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("previous.proto").setPackage("skewguard.v1")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Ack")
                        .addField(uint64("counted_through", 1))
                        .addField(uint64("persisted_through", 2)))
                .build();
        return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Ack");
    }

    private static FieldDescriptorProto.Builder uint64(String name, int number) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_UINT64).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    @Test
    void aPreviousAgentReadsTheNewAckAsBefore() throws Exception {
        Ack ack = Ack.newBuilder().setCountedThrough(1234).setLabelsToSpare(99).setClassesBelow(4)
                .addCountedModes(Mode.MODE_TRAIN).build();
        Descriptor previous = previousAck();
        DynamicMessage read = DynamicMessage.parseFrom(previous, ack.toByteArray());
        assertEquals(1234L, read.getField(previous.findFieldByName("counted_through")));
        assertEquals(0L, read.getField(previous.findFieldByName("persisted_through")));
        assertFalse(read.getUnknownFields().asMap().isEmpty(), "the new fields are kept as unknown, not misread");
    }

    @Test
    void aPreviousCollectorsAckSaysNothingOfHeadroom() throws Exception {
        Descriptor previous = previousAck();
        byte[] old = DynamicMessage.newBuilder(previous)
                .setField(previous.findFieldByName("counted_through"), 77L).build().toByteArray();
        Ack ack = Ack.parseFrom(old);
        assertEquals(77, ack.getCountedThrough());
        assertFalse(ack.hasLabelsToSpare(), "absent, not 0: the agent keeps its ordinary pace");
        assertTrue(ack.getCountedModesList().isEmpty());
    }
}
