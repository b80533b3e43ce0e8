package dev.skewguard.collector.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A job's state as bytes and back, with the JDK's own object serialization. Reading accepts only the collector's
 * state classes and the JDK collections they hold (an {@link ObjectInputFilter} allow-list), so a state file cannot
 * make the collector build anything else.
 */
public final class StateCodec {
    /**
     * Classes a state may hold: the collector's rule, decision, server, state and params (a job's parameters) classes,
     * JDK values and collections.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxarray=10000000;dev.skewguard.collector.rule.*;dev.skewguard.collector.decision.*;"
                    + "dev.skewguard.collector.server.*;dev.skewguard.collector.state.*;"
                    + "dev.skewguard.collector.params.*;java.lang.*;java.util.*;java.util.regex.Pattern;"
                    + "java.lang.Enum;java.lang.Record;!*");

    private StateCodec() {
    }

    public static byte[] encode(Serializable state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The state {@code bytes} hold.
     *
     * @throws IOException when they are not a state of type {@code type} this collector can read (another
     *     version's, or damaged)
     */
    public static <T> T decode(byte[] bytes, Class<T> type) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            Object state = in.readObject();
            if (!type.isInstance(state)) {
                throw new InvalidClassException(state == null ? "null" : state.getClass().getName(),
                        "not a " + type.getSimpleName());
            }
            return type.cast(state);
        } catch (ClassNotFoundException e) {
            throw new InvalidClassException(e.getMessage(), "unknown class");
        }
    }
}
