package dev.skewguard.collector.reportfiles;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobReportFiles;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.LogText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * One JSON report per job in a directory, rewritten atomically (a temporary file moved over the old one) when the
 * job's report changed, so a reader never sees half a report.
 */
public final class ReportFiles implements JobReportFiles {
    private final Path dir;
    private final CollectorLog log;
    private final Map<String, Long> writtenVersions = new HashMap<>();
    private final Set<String> failedJobs = new HashSet<>();

    public ReportFiles(Path dir, CollectorLog log) throws IOException {
        this.dir = dir;
        this.log = log;
        ReportDirectory.prepare(dir);
    }

    private int filesWritten;

    /** How many report files have been written (each job's file counts once while the job is held). */
    public synchronized int filesWritten() {
        return filesWritten;
    }

    @Override
    public synchronized void forget(String jobId) {
        writtenVersions.remove(jobId);
        failedJobs.remove(jobId);
    }

    public Path dir() {
        return dir;
    }

    /** Longest job id kept as it is in its file name, and longest readable prefix of any other id. */
    static final int MAX_NAME_CHARS = 64;

    /**
     * The report file of a job: {@code <job>.json} when the id is at most {@value #MAX_NAME_CHARS} letters, digits,
     * {@code .}, {@code _} or {@code -} and does not start with a dot; any other id becomes a readable prefix (those
     * characters kept, others {@code _}, at most {@value #MAX_NAME_CHARS}, no leading dot) plus {@code +} and the
     * SHA-256 of the whole id. {@code +} never occurs in a kept id, so ids that differ never share a file.
     */
    public static Path fileFor(Path dir, String jobId) {
        if (jobId.length() <= MAX_NAME_CHARS && !jobId.startsWith(".") && jobId.matches("[A-Za-z0-9._-]+")) {
            return dir.resolve(jobId + ".json");
        }
        String prefix = jobId.substring(0, Math.min(jobId.length(), MAX_NAME_CHARS))
                .replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
        return dir.resolve(prefix + "+" + sha256(jobId) + ".json");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Path fileFor(String jobId) {
        return fileFor(dir, jobId);
    }

    /**
     * A report file of the job from before this collector started, which this collector does not continue (no
     * state dir, or no state of the job in it): never overwritten with less. It is renamed to
     * {@code <file>.earlier-<millis>.json} and said so in one line.
     */
    private void keepEarlier(Job job, Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        String name = target.getFileName().toString();
        Path aside = target.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".earlier-"
                + System.currentTimeMillis() + ".json");
        Files.move(target, aside);
        log.warn("report " + target + " of job " + LogText.quote(job.id()) + " is from before this collector "
                + "started and this collector has no state of the job (--state-dir keeps it across restarts): kept "
                + "it as " + aside.getFileName() + "; " + target.getFileName() + " has what this collector counts");
    }

    /** Rewrites the jobs whose report changed since it was last written. */
    public void writeChanged(Collection<Job> jobs) {
        for (Job job : jobs) {
            write(job);
        }
    }

    /** Rewrites the job's report if it changed since it was last written. */
    @Override
    public synchronized void write(Job job) {
        long version = job.version();
        Long written = writtenVersions.get(job.id());
        if (written != null && written == version) {
            return;
        }
        String json = job.reportJson();
        Path target = fileFor(job.id());
        try {
            if (written == null && !job.restored()) {
                keepEarlier(job, target);
            }
            Path temp = Files.createTempFile(dir, ".report-", ".tmp");
            try {
                Files.writeString(temp, json + System.lineSeparator(), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            if (writtenVersions.put(job.id(), version) == null) {
                filesWritten++;
            }
            failedJobs.remove(job.id());
        } catch (IOException e) {
            if (failedJobs.add(job.id())) {
                log.error("cannot write report " + target + ": " + e);
            }
        }
    }
}
