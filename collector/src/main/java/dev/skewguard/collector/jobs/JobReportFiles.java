package dev.skewguard.collector.jobs;

/**
 * Where the jobs' report files are written (serve --report-dir), as the jobs see it: a job's file is written when
 * it triggers and once more as it leaves memory. The report files' writer implements it.
 */
public interface JobReportFiles {
    /** Writes {@code job}'s report file now. */
    void write(Job job);

    /** The job left memory (see {@link HeldJobs}): its file stays, what was remembered of it goes. */
    void forget(String jobId);
}
