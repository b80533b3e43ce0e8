package dev.skewguard.collector.joblog;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobSnapshot;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.collector.rule.ModeReport;
import java.util.Collection;
import java.util.Locale;

/** The collector's last line, in words: what it counted, what triggered, which reports it wrote. */
public final class FinalSummary {
    private FinalSummary() {
    }

    /** "2 jobs, 1,234 batches and 56,789 labels counted, 1 triggered; 2 reports written to DIR". */
    public static String of(Collection<Job> jobs, ReportFiles reportFiles) {
        long batches = 0;
        long labels = 0;
        int triggered = 0;
        for (Job job : jobs) {
            JobSnapshot snapshot = job.snapshot();
            batches += snapshot.batchesCounted();
            triggered += snapshot.triggered() ? 1 : 0;
            for (ModeReport mode : job.report().modes().values()) {
                labels += mode.samplesSeen();
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%,d %s, %,d %s and %,d labels counted, %d triggered", jobs.size(),
                jobs.size() == 1 ? "job" : "jobs", batches, batches == 1 ? "batch" : "batches", labels, triggered));
        if (reportFiles != null) {
            int files = reportFiles.filesWritten();
            line.append(String.format(Locale.ROOT, "; %d %s written to %s", files,
                    files == 1 ? "report" : "reports", reportFiles.dir()));
        } else {
            line.append("; no report files (no --report-dir)");
        }
        return line.toString();
    }
}
