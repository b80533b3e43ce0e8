package dev.skewguard.it.djl;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Runs a main class from a class path of its own, in a child class loader of the application loader, as
 * application servers and notebooks load user code: {@code ChildLoaderMain <class path> <main class> [args...]}.
 * DJL then lives in a loader the agent's jar is not on.
 */
public final class ChildLoaderMain {
    private ChildLoaderMain() {
    }

    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = new File(entries[i]).toURI().toURL();
        }
        URLClassLoader loader = new URLClassLoader("user-code", urls, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = Class.forName(args[1], true, loader).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
