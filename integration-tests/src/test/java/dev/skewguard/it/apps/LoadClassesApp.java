package dev.skewguard.it.apps;

/**
 * A test application that loads the classes named by its arguments without initializing them (no static
 * initializer, so no native library is needed) and prints "result: loaded N classes". Run in a child JVM by
 * ReleaseMismatchIT against a framework release whose natives are not there.
 */
public final class LoadClassesApp {
    private LoadClassesApp() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        for (String name : args) {
            Class.forName(name, false, LoadClassesApp.class.getClassLoader());
        }
        System.out.println("result: loaded " + args.length + " classes");
    }
}
