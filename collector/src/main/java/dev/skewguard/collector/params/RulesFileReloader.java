package dev.skewguard.collector.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reloads the rules file without a restart: {@link #checkForChange()} (the collector calls it every second) reloads
 * when the file's text changed, {@link #reload()} (SIGHUP) at once. A good file replaces the rules for jobs that start
 * afterwards (running jobs keep theirs) and says so in one line; a bad one is one line and the old rules stay (that
 * text is not reported again until it changes).
 */
public final class RulesFileReloader {
    private final Path file;
    private final ParameterResolver resolver;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private String lastText; // guarded by this

    public RulesFileReloader(Path file, ParameterResolver resolver, Consumer<String> info, Consumer<String> warn) {
        this.file = Objects.requireNonNull(file, "file");
        this.resolver = resolver;
        this.info = info;
        this.warn = warn;
        this.lastText = read();
    }

    /** Reloads if the file's text is not the one last read. Never throws. */
    public synchronized void checkForChange() {
        String text = read();
        if (text != null && !text.equals(lastText)) {
            apply(text, "changed");
        }
    }

    /** Reloads now (SIGHUP), changed or not. Never throws. */
    public synchronized void reload() {
        String text = read();
        if (text == null) {
            warn.accept("--rules-file " + file + " cannot be read on reload; the previous rules stay");
            return;
        }
        apply(text, "reloaded on SIGHUP");
    }

    private void apply(String text, String why) {
        lastText = text;
        try {
            ParameterRules rules = ParameterRules.parse(text, file);
            resolver.rules(rules);
            info.accept("--rules-file " + file + " " + why + " (" + rules.size()
                    + (rules.size() == 1 ? " entry" : " entries") + "): jobs that start from now on get these rules; "
                    + "running jobs keep their parameters");
        } catch (IllegalArgumentException e) {
            warn.accept(e.getMessage() + "; the previous rules stay");
        } catch (RuntimeException e) {
            warn.accept("--rules-file " + file + ": " + e + "; the previous rules stay");
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
