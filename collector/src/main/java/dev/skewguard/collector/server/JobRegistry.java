package dev.skewguard.collector.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.decision.Span;
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
    /** Lines per job that say a check stopped holding (the stop decision reset); later ones only count in reports. */
    static final int MAX_RESET_LINES = 10;

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
        return jobs.computeIfAbsent(jobId,
                id -> new Job(id, options.ruleParameters(), options.patience(), options.action()));
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

    /**
     * The job's rule fired for the first time, a check stopped holding (the stop decision starts again), or the
     * decision to act was reached: say so, one line each, and stop the job's agents if asked to.
     */
    void triggered(Job job, Job.Counted counted) {
        Optional<Decision> decided = counted.decided();
        String action = decided.isPresent() ? act(job, counted) : null;
        Optional<Finding> first = counted.firstTrigger();
        boolean decidedAtTrigger = decided.isPresent() && decided.get().atFirstTrigger();
        if (first.isPresent()) {
            log.accept(triggerLine(job.id(), first.get()) + "; "
                    + (decidedAtTrigger ? action : pending(first.get(), job.patience())));
        }
        for (Span span : counted.ended()) {
            if (job.mayLogReset(MAX_RESET_LINES)) {
                String mode = span.mode().jsonName();
                log.accept("skewguard: job " + quoted(job.id()) + ": " + span.check() + " stopped holding after "
                        + String.format(Locale.ROOT, "%,d", span.heldLabels()) + " " + mode + " labels (since " + mode
                        + " step " + span.sinceStep() + "); the stop decision starts again");
            }
        }
        if (decided.isPresent() && !decidedAtTrigger) {
            log.accept(decisionLine(job.id(), decided.get(), counted.stop() != null) + "; " + action);
        }
        changed(job);
        checkDone();
    }

    /** Sends the Stop, if the action is stop; says what was done. */
    private static String act(Job job, Job.Counted counted) {
        if (counted.stop() == null) {
            return "not stopping it (--action log)";
        }
        int sent = 0;
        for (AgentStream stream : counted.streamsToStop()) {
            sent += stream.sendStop(counted.stop()) ? 1 : 0;
        }
        job.stopDelivered();
        return "sent Stop to " + sent + (sent == 1 ? " agent" : " agents")
                + " (agents of this job that connect later get it too)";
    }

    /** What follows a first trigger that is not acted on yet. */
    private String pending(Finding finding, Patience patience) {
        StringBuilder s = new StringBuilder(options.action() == Action.STOP ? "Stop follows if " : "confirmed if ");
        String mode = finding.mode().jsonName();
        List<String> flags = new java.util.ArrayList<>(2);
        if (finding.imbalance()) {
            s.append(String.format(Locale.ROOT, "imbalance keeps firing over %,d more %s labels",
                    patience.imbalanceLabels(), mode));
            flags.add("--patience-imbalance");
        }
        if (finding.misprediction()) {
            s.append(finding.imbalance() ? " or " : "").append(String.format(Locale.ROOT,
                    "misprediction keeps firing over %,d more %s labels", patience.mispredictionLabels(), mode));
            flags.add("--patience-misprediction");
        }
        return s.append(" (").append(String.join(", ", flags)).append(')').toString();
    }

    static String decisionLine(String jobId, Decision decision, boolean stopping) {
        Finding finding = decision.finding();
        String mode = finding.mode().jsonName();
        StringBuilder line = new StringBuilder("skewguard: ").append(stopping ? "STOP" : "CONFIRMED").append(" job ")
                .append(quoted(jobId)).append(": ").append(String.join(" and ", decision.held()))
                .append(String.format(Locale.ROOT, " held over %,d %s labels", decision.heldLabels(), mode))
                .append(" from ").append(mode).append(" step ").append(decision.heldSinceStep())
                .append(" to ").append(mode).append(" step ").append(finding.step())
                .append(" (first trigger at ").append(decision.firstTrigger().mode().jsonName()).append(" step ")
                .append(decision.firstTrigger().step()).append("), worker ").append(quoted(finding.worker()));
        appendRatioAndClasses(line, finding);
        return line.toString();
    }

    static String triggerLine(String jobId, Finding finding) {
        StringBuilder line = new StringBuilder("skewguard: TRIGGERED job ").append(quoted(jobId)).append(": ")
                .append(String.join(" and ", finding.checks()))
                .append(" at ").append(finding.mode().jsonName()).append(" step ").append(finding.step())
                .append(" on worker ").append(quoted(finding.worker()));
        appendRatioAndClasses(line, finding);
        return line.toString();
    }

    /** A client's text in double quotes, escaped as a JSON string (quotes, backslashes, control characters). */
    static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private static void appendRatioAndClasses(StringBuilder line, Finding finding) {
        line.append(String.format(Locale.ROOT, ", ratio %.2f", finding.ratio()));
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
            Job.Snapshot snapshot = job.snapshot();
            if (snapshot.decided() && (options.action() == Action.LOG || snapshot.stopDelivered())) {
                finish("job " + quoted(job.id()) + (options.action() == Action.STOP ? " stopped" : " confirmed"));
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
