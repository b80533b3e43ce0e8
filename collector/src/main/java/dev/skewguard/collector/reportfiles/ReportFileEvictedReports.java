package dev.skewguard.collector.reportfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * With --report-dir and no state dir: a job that left memory answers from its report file ({@link ReportFiles#fileFor},
 * the same escaped name the collector writes) while the file was last written within --report-retention, and only
 * if the file is a report of that very job. The files themselves are the operator's: never deleted here.
 */
final class ReportFileEvictedReports implements EvictedJobReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Duration retention;
    private final long maxBytes;

    /** {@code maxBytes}: a larger file is not read (no answer that large could be sent, --max-pending-report-bytes). */
    ReportFileEvictedReports(Path dir, Duration retention, long maxBytes) {
        this.dir = dir;
        this.retention = retention;
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<String> reportJson(String jobId) {
        Path file = ReportFiles.fileFor(dir, jobId);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > maxBytes
                    || attributes.lastModifiedTime().toMillis() < System.currentTimeMillis() - retention.toMillis()) {
                return Optional.empty();
            }
            String json = Files.readString(file, StandardCharsets.UTF_8).strip();
            JsonNode report = JSON.readTree(json);
            return report.path("job").asText("").equals(jobId) ? Optional.of(json) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no such file, half gone, or not a report: not found
        }
    }
}
