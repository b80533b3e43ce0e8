package dev.skewguard.collector.reportfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.options.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    private static final Path DIR = Path.of("/reports");

    @Test
    void aPlainShortIdKeepsItsName() {
        assertEquals(DIR.resolve("train-2026_11.v2.json"), ReportFiles.fileFor(DIR, "train-2026_11.v2"));
    }

    @Test
    void idsThatCollideAfterSanitisingGetDifferentFiles() {
        List<String> ids = List.of("a/b", "a_b", "a b", "a\nb", "a\u001b[31mb", "a_b+" + "0".repeat(64),
                "..", ".", "._", "_.", "../etc/passwd", "..\\x", "A/B", "a/b ");
        Set<Path> files = new HashSet<>();
        for (String id : ids) {
            Path file = ReportFiles.fileFor(DIR, id);
            assertTrue(files.add(file), id + " shares " + file);
            assertEquals(DIR, file.getParent(), id + " stays in the directory");
            String name = file.getFileName().toString();
            assertFalse(name.startsWith("."), id + " gives a hidden or relative name " + name);
            assertTrue(name.matches("[A-Za-z0-9._+-]+\\.json"), name);
        }
    }

    @Test
    void aTenKilobyteIdGetsABoundedNameThatDependsOnTheWholeId() {
        String a = "x".repeat(10_240);
        String b = "x".repeat(10_239) + "y";
        Path fa = ReportFiles.fileFor(DIR, a);
        Path fb = ReportFiles.fileFor(DIR, b);
        assertNotEquals(fa, fb);
        assertTrue(fa.getFileName().toString().length() <= 64 + 1 + 64 + 5, fa.toString());
        assertTrue(fa.getFileName().toString().startsWith("x".repeat(64) + "+"), "a readable prefix");
    }

    @Test
    void aTenKilobyteIdIsWrittenAndTwoSimilarIdsKeepTheirOwnFiles(@TempDir Path dir) throws Exception {
        ReportFiles files = new ReportFiles(dir, CollectorLog.lines(line -> { }));
        String longId = "job-" + "z".repeat(10_240);
        Job first = new Job("a/b", dev.skewguard.collector.rule.RuleParameters.DEFAULTS,
                dev.skewguard.collector.decision.Patience.DEFAULTS, Action.LOG, false, 1);
        Job second = new Job("a_b", dev.skewguard.collector.rule.RuleParameters.DEFAULTS,
                dev.skewguard.collector.decision.Patience.DEFAULTS, Action.LOG, false, 1);
        Job huge = new Job(longId, dev.skewguard.collector.rule.RuleParameters.DEFAULTS,
                dev.skewguard.collector.decision.Patience.DEFAULTS, Action.LOG, false, 1);
        files.writeChanged(List.of(first, second, huge));
        assertEquals(3, files.filesWritten());
        assertTrue(Files.readString(files.fileFor("a/b")).contains("\"a/b\""));
        assertTrue(Files.readString(files.fileFor("a_b")).contains("\"a_b\""));
        assertTrue(Files.readString(files.fileFor(longId)).contains(longId));
        try (var listed = Files.list(dir)) {
            assertEquals(3, listed.count());
        }
    }
}
