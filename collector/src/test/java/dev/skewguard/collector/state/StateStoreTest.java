package dev.skewguard.collector.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void whatWasSavedIsLoadedAfterReopening() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            store.save(Map.of("a", bytes("one"), "b", bytes("two")));
            store.save(Map.of("a", bytes("three")));
        }
        try (StateStore store = StateStore.open(dir)) {
            Map<String, byte[]> loaded = store.load();
            assertEquals(2, loaded.size());
            assertArrayEquals(bytes("three"), loaded.get("a"));
            assertArrayEquals(bytes("two"), loaded.get("b"));
        }
    }

    @Test
    void aSecondCollectorOnTheSameStateDirIsToldInOneLine() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> StateStore.open(dir));
            assertTrue(e.getMessage().contains("in use by another collector"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void groupCommitStoresManyChangesInFewCommitsAndSaysWhenStored() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            AtomicInteger value = new AtomicInteger();
            CountDownLatch stored = new CountDownLatch(1);
            GroupCommit.Source source = new GroupCommit.Source() {
                @Override
                public String key() {
                    return "job";
                }

                @Override
                public GroupCommit.Captured capture() {
                    int now = value.get();
                    return new GroupCommit.Captured(bytes(Integer.toString(now)), () -> {
                        if (now == 1000) {
                            stored.countDown();
                        }
                    });
                }
            };
            GroupCommit commit = new GroupCommit(store, TimeUnit.MILLISECONDS.toNanos(20), e -> { });
            for (int i = 1; i <= 1000; i++) {
                value.set(i);
                commit.changed(source);
            }
            assertTrue(stored.await(10, TimeUnit.SECONDS), "the last change is stored and told");
            commit.close();
            assertTrue(commit.commits() < 1000, "many changes per commit: " + commit.commits());
            Map<String, byte[]> loaded = new LinkedHashMap<>(store.load());
            assertArrayEquals(bytes("1000"), loaded.get("job"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jobsThatLeftMemoryKeepTheirReportAreNotLoadedAtStartAndArePrunedWithTheirState() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            store.save(Map.of("held", bytes("h"), "left-long-ago", bytes("o"), "left-now", bytes("n")));
            store.evicted().put("left-long-ago", 1_000, "{\"job\":\"left-long-ago\"}");
            store.evicted().put("left-now", 5_000, "{\"job\":\"left-now\"}");
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(java.util.Set.of("held"), store.load().keySet(), "only the job that was held is restored");
            assertEquals(2, store.evicted().size());
            assertEquals(new EvictedReports.Entry(5_000, "{\"job\":\"left-now\"}"),
                    store.evicted().get("left-now").orElseThrow());

            assertEquals(1, store.evicted().pruneLeftBefore(2_000));
            assertTrue(store.evicted().get("left-long-ago").isEmpty());
            assertEquals(null, store.get("left-long-ago"), "its state is forgotten with its report");
            assertArrayEquals(bytes("n"), store.get("left-now"), "a job within the retention keeps its state");

            store.evicted().remove("left-now"); // an agent of it came back: held again
            assertTrue(store.evicted().get("left-now").isEmpty());
            assertEquals(0, store.evicted().pruneLeftBefore(Long.MAX_VALUE), "a held job is never pruned");
            assertArrayEquals(bytes("n"), store.get("left-now"));
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(java.util.Set.of("held", "left-now"), store.load().keySet());
        }
    }
}
