package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TlsWarmUpTest {
    @Test
    void makesTheDefaultTlsContextOnItsOwnThreadAndSaysWhenItIsDone() throws Exception {
        TlsWarmUp.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TlsWarmUp.pending() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertFalse(TlsWarmUp.pending(), "the warm-up ends");
        assertNotNull(SSLContext.getDefault().getProvider());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("skewguard-tls-warmup")) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
                assertFalse(thread.isAlive(), "its thread ends with it");
            }
        }
    }
}
