package dev.skewguard.collector.rule;

/** Element type of a {@link Tensor}'s packed little-endian bytes. Mirrors skewguard.v1.DType. */
public enum DType {
    UINT8(1, true), UINT16(2, true), INT32(4, true), INT64(8, true), FLOAT32(4, false), FLOAT64(8, false);

    private final int bytes;
    private final boolean integral;

    DType(int bytes, boolean integral) {
        this.bytes = bytes;
        this.integral = integral;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** True for integer types, whose values are always whole numbers. */
    public boolean integral() {
        return integral;
    }
}
