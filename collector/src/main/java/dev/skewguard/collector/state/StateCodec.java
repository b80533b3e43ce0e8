package dev.skewguard.collector.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A job's state as bytes and back, with the JDK's own object serialization. Reading accepts only the collector's
 * state classes and the JDK collections they hold (an {@link ObjectInputFilter} allow-list), so a state file cannot
 * make the collector build anything else.
 */
public final class StateCodec {
    /**
     * Classes a state may hold: the collector's rule, decision, jobs, state and params (a job's parameters) classes,
     * JDK values and collections.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxarray=10000000;dev.skewguard.collector.rule.*;dev.skewguard.collector.decision.*;"
                    + "dev.skewguard.collector.jobs.*;dev.skewguard.collector.state.*;"
                    + "dev.skewguard.collector.params.*;java.lang.*;java.util.*;java.util.regex.Pattern;"
                    + "java.lang.Enum;java.lang.Record;!*");

    /** Where the job classes a state holds were until they got their own package; states written then name it. */
    static final String FORMER_JOBS_PACKAGE = "dev.skewguard.collector.server";
    static final String JOBS_PACKAGE = "dev.skewguard.collector.jobs";

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
        try (ObjectInputStream in = new MovedClassesInputStream(new ByteArrayInputStream(bytes))) {
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

    /**
     * Reads a state written before the job classes moved from the {@value #FORMER_JOBS_PACKAGE} package to
     * {@value #JOBS_PACKAGE}: their stream names are read as the new ones (serialization compares only the simple
     * name of a class and its {@code serialVersionUID}, both kept). The allow-list then checks the class found.
     */
    private static final class MovedClassesInputStream extends ObjectInputStream {
        MovedClassesInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!name.startsWith(FORMER_JOBS_PACKAGE + ".")) {
                return super.resolveClass(desc);
            }
            String moved = JOBS_PACKAGE + name.substring(FORMER_JOBS_PACKAGE.length());
            return Class.forName(moved, false, StateCodec.class.getClassLoader());
        }
    }
}
