package dev.skewguard.it.apps;

import static net.bytebuddy.matcher.ElementMatchers.named;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.file.Paths;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;

/**
 * A test application that ships its own grpc-api, protobuf-java and byte-buddy, of versions other than the agent's
 * (see integration-tests/pom.xml), uses each of them, and runs a small captured step loop. Run by
 * ConflictingVersionsIT with the agent attached.
 */
public final class ConflictingVersionsApp {
    public static final String METHODS = "dev.skewguard.it.apps.ConflictingVersionsApp#step:labels=arg0,"
            + "predictions=return";
    public static final int STEPS = 40;

    private ConflictingVersionsApp() {
    }

    public static void main(String[] args) throws Exception {
        Struct struct = Struct.newBuilder()
                .putFields("k", Value.newBuilder().setNumberValue(1.5).build()).build();
        Struct back = Struct.parseFrom(struct.toByteArray());
        System.out.println("protobuf " + jarOf(Struct.class) + " roundtrip " + back.equals(struct));

        Metadata metadata = new Metadata();
        Metadata.Key<String> key = Metadata.Key.of("k", Metadata.ASCII_STRING_MARSHALLER);
        metadata.put(key, "v");
        Status status = Status.INVALID_ARGUMENT.withDescription("the app's own grpc");
        System.out.println("grpc " + jarOf(Status.class) + " " + status.getCode() + " " + metadata.get(key));

        Object made = new ByteBuddy().subclass(Object.class)
                .method(named("toString")).intercept(FixedValue.value("made by the app's byte-buddy"))
                .make().load(ConflictingVersionsApp.class.getClassLoader()).getLoaded()
                .getDeclaredConstructor().newInstance();
        System.out.println("byte-buddy " + jarOf(ByteBuddy.class) + " " + made);

        long sum = 0;
        for (int i = 0; i < STEPS; i++) {
            int[] predicted = step(new int[] {i % 3, 0, 1, 2});
            sum += predicted[0];
        }
        System.out.println("steps " + STEPS + " sum " + sum);
    }

    /** A "training step": returns predicted class ids for the labels. */
    public static int[] step(int[] labels) {
        int[] predicted = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            predicted[i] = (labels[i] + i) % 3;
        }
        return predicted;
    }

    private static String jarOf(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    }
}
