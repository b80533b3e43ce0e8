package dev.skewguard.agent.export;

/**
 * One batch as it goes on the wire: its sequence number and the bytes of its protocol {@code Batch} message. Held
 * in the resend window until acknowledged; sent, and on a new connection sent again, without encoding it again.
 *
 * @param sequence the batch's sequence number (as in its bytes)
 * @param bytes the serialized {@code skewguard.v1.Batch}; never changed
 */
record EncodedBatch(long sequence, byte[] bytes) {
    int size() {
        return bytes.length;
    }
}
