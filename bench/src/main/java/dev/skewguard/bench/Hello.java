package dev.skewguard.bench;

/** The hello-world JVM of the start-up benchmark. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
