package dev.skewguard.collector.jobs;

import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the collector is done, and with which exit status: in sidecar mode once a job is, after --idle-timeout without
 * agents, or when the collector closes. The line saying why comes before {@link #done()} completes.
 */
final class DoneCheck {
    /** How long every agent of a job must have been gone (without Goodbye) before sidecar mode calls it done. */
    static final long GONE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ServerOptions options;
    private final CollectorLog log;
    private final HeldJobs jobs;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();

    DoneCheck(ServerOptions options, HeldJobs jobs) {
        this.options = options;
        this.log = options.log();
        this.jobs = jobs;
    }

    /**
     * Sidecar mode: done once a job's stop decision was reached (and, with --action stop, its Stop went out), or
     * once every agent that connected has said Goodbye or been gone for a moment.
     */
    void checkDone() {
        if (!options.exitWhenDone() || done.isDone() || jobs.isEmpty()) {
            return;
        }
        boolean allGone = true;
        for (Job job : jobs.values()) {
            JobSnapshot snapshot = job.snapshot();
            if (snapshot.decided() && (options.action() == Action.LOG || snapshot.stopDelivered())) {
                finish("job " + LogText.quote(job.id())
                        + (options.action() == Action.STOP ? " stopped" : " confirmed"));
                return;
            }
            boolean gone = snapshot.connectedStreams() == 0 && snapshot.instances() > 0
                    && (snapshot.allSaidGoodbye() || System.nanoTime() - snapshot.lastGoneNanos() > GONE_GRACE_NANOS);
            allGone &= gone;
        }
        if (allGone) {
            finish("every agent said Goodbye or is gone");
        }
    }

    /**
     * --idle-timeout: done once no agent has had a stream open for that long (since the start, or since the last
     * stream closed); exit status {@link JobRegistry#EXIT_NO_AGENT} if no agent ever connected.
     */
    void checkIdle(boolean noStreamOpen, long idleSinceNanos, boolean anyAgentConnected, String address) {
        long timeout = options.idleTimeout().toNanos();
        if (timeout == 0 || done.isDone() || !noStreamOpen || System.nanoTime() - idleSinceNanos < timeout) {
            return;
        }
        String seconds = options.idleTimeout().toSeconds() + " s (--idle-timeout)";
        if (!anyAgentConnected) {
            synchronized (this) {
                if (done.isDone()) {
                    return;
                }
                // Said before done completes, so that it comes before the command's last line.
                log.error("no agent connected within " + seconds + ": check that the training's agent has "
                        + "endpoint=" + address + " (or this host's address) and that the training captured a "
                        + "batch; exit status " + JobRegistry.EXIT_NO_AGENT);
                done.complete(JobRegistry.EXIT_NO_AGENT);
            }
            return;
        }
        finish("no agent connected for " + seconds);
    }

    private synchronized void finish(String why) {
        int status = exitStatus();
        if (!done.isDone()) {
            // Said before done completes, so that it comes before the command's last line.
            log.info("done (" + why + "), exit status " + status);
            done.complete(status);
        }
    }

    /** 1 if any job's rule fired, else 0 (as `evaluate`). */
    int exitStatus() {
        if (jobs.evictedTriggered()) {
            return 1;
        }
        for (Job job : jobs.values()) {
            if (job.finding().isPresent()) {
                return 1;
            }
        }
        return 0;
    }

    CompletableFuture<Integer> done() {
        return done;
    }

    /** The collector is closing: done with whatever was found. */
    void closing() {
        done.complete(exitStatus());
    }
}
