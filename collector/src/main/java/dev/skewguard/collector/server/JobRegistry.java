package dev.skewguard.collector.server;

import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The jobs the collector has heard of (one {@link Job} per job id), the open streams, what happens when a job's rule
 * first fires, and, in sidecar mode, when the collector is done.
 */
final class JobRegistry {
    /** How long every agent of a job must have been gone (without Goodbye) before sidecar mode calls it done. */
    static final long GONE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ServerOptions options;
    private final Consumer<String> log;
    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<AgentStream> streams = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private volatile ReportFiles reportFiles;

    JobRegistry(ServerOptions options) {
        this.options = options;
        this.log = options.log();
    }

    void reportFiles(ReportFiles reportFiles) {
        this.reportFiles = reportFiles;
    }

    Job job(String jobId) {
        return jobs.computeIfAbsent(jobId, id -> new Job(id, options.ruleParameters(), options.action()));
    }

    Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    Collection<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    void opened(AgentStream stream) {
        streams.add(stream);
    }

    void closed(AgentStream stream, Job job) {
        streams.remove(stream);
        if (job != null) {
            changed(job);
        }
        checkDone();
    }

    List<AgentStream> openStreams() {
        return new ArrayList<>(streams);
    }

    /** The job's report changed in a way worth writing now rather than on the next tick. */
    void changed(Job job) {
        ReportFiles files = reportFiles;
        if (files != null) {
            files.write(job);
        }
    }

    void rejected(AgentStream stream, Status status) {
        log.accept("skewguard: closed the stream of " + stream.who() + " with " + status.getCode() + ": "
                + status.getDescription());
    }

    /** The job's rule fired for the first time: say so in one line, stop the job's agents if asked to. */
    void triggered(Job job, Job.Counted counted) {
        Finding finding = counted.firstTrigger().orElseThrow();
        String action;
        if (counted.stop() != null) {
            int sent = 0;
            for (AgentStream stream : counted.streamsToStop()) {
                sent += stream.sendStop(counted.stop()) ? 1 : 0;
            }
            job.stopDelivered();
            action = "sent Stop to " + sent + (sent == 1 ? " agent" : " agents")
                    + " (agents of this job that connect later get it too)";
        } else {
            action = "not stopping it (--action log)";
        }
        log.accept(triggerLine(job.id(), finding) + "; " + action);
        changed(job);
        checkDone();
    }

    static String triggerLine(String jobId, Finding finding) {
        StringBuilder line = new StringBuilder("skewguard: TRIGGERED job \"").append(jobId).append("\": ")
                .append(String.join(" and ", finding.checks()))
                .append(" at ").append(finding.mode().jsonName()).append(" step ").append(finding.step())
                .append(" on worker \"").append(finding.worker()).append('"')
                .append(String.format(Locale.ROOT, ", ratio %.2f", finding.ratio()));
        List<ClassStats> classes = finding.classes();
        if (!classes.isEmpty()) {
            line.append(", worst classes:");
            for (int i = 0; i < Math.min(3, classes.size()); i++) {
                ClassStats stats = classes.get(i);
                line.append(i == 0 ? " " : ", ").append(stats.classId())
                        .append(String.format(Locale.ROOT, " (%d labels, %.0f%% mispredicted)",
                                stats.count(), stats.mispredictionFraction() * 100));
            }
        }
        return line.toString();
    }

    /**
     * Sidecar mode: done once a job's rule fired (and, with --action stop, its Stop went out), or once every agent
     * that connected has said Goodbye or been gone for a moment.
     */
    void checkDone() {
        if (!options.exitWhenDone() || done.isDone() || jobs.isEmpty()) {
            return;
        }
        boolean allGone = true;
        for (Job job : jobs.values()) {
            Job.Snapshot snapshot = job.snapshot();
            if (snapshot.triggered() && (options.action() == Action.LOG || snapshot.stopDelivered())) {
                finish("job \"" + job.id() + "\" triggered");
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

    private void finish(String why) {
        int status = exitStatus();
        if (done.complete(status)) {
            log.accept("skewguard: done (" + why + "), exit status " + status);
        }
    }

    /** 1 if any job's rule fired, else 0 (as `evaluate`). */
    int exitStatus() {
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
