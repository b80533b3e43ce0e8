package dev.skewguard.agent.export;

import dev.skewguard.proto.v1.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs class ids as compactly as their range allows: UINT8 when all are in 0..255, UINT16 in 0..65535, else
 * INT32 (the agent's class ids are ints). Little-endian, as the protocol says.
 */
public final class ClassIdEncoding {
    private ClassIdEncoding() {
    }

    /**
     * The narrowest protocol type that holds every value. One OR over the ids (a loop the JIT vectorizes): a negative
     * id sets the sign bit, an id above 255 (65535) a bit above the eighth (sixteenth).
     */
    public static DType narrowestType(int[] ids) {
        int bits = 0;
        for (int id : ids) {
            bits |= id;
        }
        if (bits < 0) {
            return DType.DTYPE_INT32;
        }
        if ((bits & ~0xFF) == 0) {
            return DType.DTYPE_UINT8;
        }
        if ((bits & ~0xFFFF) == 0) {
            return DType.DTYPE_UINT16;
        }
        return DType.DTYPE_INT32;
    }

    /** Class ids packed as their narrowest type. */
    public record Packed(DType type, byte[] data) {
    }

    /**
     * The ids packed as their {@link #narrowestType narrowest type}. The usual case, every id in 0..255, takes one
     * pass: the ids are stored as bytes while their OR is taken; only wider ids are packed again.
     */
    public static Packed packNarrowest(int[] ids) {
        byte[] bytes = new byte[ids.length];
        int bits = 0;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            bits |= id;
            bytes[i] = (byte) id;
        }
        if ((bits & ~0xFF) == 0) {
            return new Packed(DType.DTYPE_UINT8, bytes);
        }
        DType type = narrowestType(ids);
        return new Packed(type, pack(ids, type));
    }

    /** The ids packed little-endian as {@code type} (one of UINT8, UINT16, INT32, INT64). */
    public static byte[] pack(int[] ids, DType type) {
        switch (type) {
            case DTYPE_UINT8: {
                byte[] out = new byte[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    out[i] = (byte) ids[i];
                }
                return out;
            }
            case DTYPE_UINT16: {
                ByteBuffer b = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int id : ids) {
                    b.putShort((short) id);
                }
                return b.array();
            }
            case DTYPE_INT32: {
                ByteBuffer b = ByteBuffer.allocate(ids.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().put(ids);
                return b.array();
            }
            case DTYPE_INT64: {
                ByteBuffer b = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (int id : ids) {
                    b.putLong(id);
                }
                return b.array();
            }
            default:
                throw new IllegalArgumentException("not a class id type: " + type);
        }
    }

    /** Scores packed as FLOAT32 little-endian. */
    public static byte[] packFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
