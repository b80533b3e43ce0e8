package dev.skewguard.collector.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Group commit: the threads that count batches only mark their job as changed ({@link #changed}); one background
 * thread, at most every {@code interval}, takes a snapshot of every changed job, stores them all in one
 * {@link StateStore#save} (one atomic commit for many batches of many jobs), and then tells each job what was
 * persisted ({@link Captured#persisted}). Nobody waits for the disk on the stream threads.
 */
public final class GroupCommit implements AutoCloseable {
    /** The default time between commits. */
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Something whose state is persisted: a job. */
    public interface Source {
        /** The key it is stored under. */
        String key();

        /** A consistent snapshot of its state now (taken under its lock). */
        Captured capture();
    }

    /**
     * A source's state at one moment, and what to do once it is on disk.
     *
     * @param state the bytes to store
     * @param persisted run after the commit that stored them (tells streams what is persisted)
     */
    public record Captured(byte[] state, Runnable persisted) {
    }

    private final StateStore store;
    private final long intervalNanos;
    private final Consumer<RuntimeException> onFailure;
    private final Set<Source> changed = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long commits;

    /** {@code onFailure}: told of a commit that failed (its sources are retried with the next one). */
    public GroupCommit(StateStore store, long intervalNanos, Consumer<RuntimeException> onFailure) {
        this.store = store;
        this.intervalNanos = intervalNanos;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "skewguard-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /** The source's state changed: it goes into the next commit. */
    public void changed(Source source) {
        if (changed.add(source)) {
            LockSupport.unpark(thread);
        }
    }

    /** Commits done so far (for tests and metrics). */
    public long commits() {
        return commits;
    }

    private void run() {
        long last = 0;
        while (!closing || !changed.isEmpty()) {
            if (changed.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            long wait = last + intervalNanos - System.nanoTime();
            if (wait > 0 && !closing) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            last = System.nanoTime();
            commitChanged();
        }
    }

    /** Commits what is changed now, on the calling thread (a job that leaves memory is stored before it goes). */
    public void commitNow() {
        commitChanged();
    }

    private synchronized void commitChanged() {
        List<Source> sources = new ArrayList<>(changed);
        changed.removeAll(sources);
        Map<String, byte[]> states = new LinkedHashMap<>();
        List<Runnable> after = new ArrayList<>(sources.size());
        try {
            for (Source source : sources) {
                Captured snapshot = source.capture();
                states.put(source.key(), snapshot.state());
                after.add(snapshot.persisted());
            }
            store.save(states);
            commits++;
        } catch (RuntimeException e) {
            changed.addAll(sources); // nothing was told persisted: the next commit tries again
            onFailure.accept(e);
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
            return;
        }
        for (Runnable persisted : after) {
            persisted.run();
        }
    }

    /** Commits what is still changed, then stops the thread (the store stays open: close it after). */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
