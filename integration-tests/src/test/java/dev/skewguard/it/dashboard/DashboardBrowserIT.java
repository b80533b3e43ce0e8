package dev.skewguard.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.cli.CollectorMain;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.Chromium;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The dashboard in headless Chromium: live against a collector fed by the plain training example, and the
 * {@code evaluate --html} file with no network. Screenshots in target/screenshots/.
 */
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theLivePageShowsTheClassesAndTheFindingAndUpdatesAsBatchesArrive() throws Exception {
        ChromeDriver browser = Chromium.start(false);
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG, RuleParameters.DEFAULTS,
                b -> b.httpPort(0))) {
            String job = "dashboard-live";
            ChildJvm.Running training = ChildJvm.on(Jdk.current())
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar())
                    .args("--classes", "3", "--minority-fraction", "0.02", "--batch-delay-ms", "25")
                    .start();
            String url = "http://127.0.0.1:" + collector.httpPort() + "/";
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            // The live page re-renders its tables as batches arrive: an element found a moment ago may be gone.
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(d -> !d.findElements(By.cssSelector("#jobs tr[data-job='" + job + "']")).isEmpty());
            wait.until(d -> labelsShown(d) > 0);
            long firstLabels = labelsShown(browser);
            int firstUpdates = updates(browser);
            // While the job trains, the page shows new counts without a reload.
            wait.until(d -> labelsShown(d) > firstLabels && updates(d) > firstUpdates);

            ChildResult r = training.awaitExit(Duration.ofSeconds(120));
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, WAIT, r.describe());
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            long trained = report.path("modes").path("train").path("samples_seen").asLong();
            wait.until(d -> labelsShown(d) == report.path("samples_seen").asLong());

            String summary = browser.findElement(By.id("summary")).getText();
            assertEquals(report.path("summary").asText(), summary, "the finding, as the report says it");
            Set<String> expected = PlainExample.labels(r, "train").keySet().stream().map(String::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, classesShown(browser), "the classes the example trained on");
            assertTrue(trained > 0, report.toPrettyString());
            assertEquals(2, browser.findElements(By.cssSelector(".chart canvas")).size(),
                    "both charts drawn: " + browser.findElement(By.id("job")).getText());
            assertTrue(browser.findElement(By.id("markers")).getText().contains("first trigger"),
                    browser.findElement(By.id("markers")).getText());
            Chromium.screenshot(browser, "dashboard-live");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theHtmlFileRendersWithNoNetwork() throws Exception {
        Path records = dir.resolve("records.jsonl");
        List<String> lines = new ArrayList<>();
        for (int step = 0; step < 50; step++) {
            // 19 labels of class 0 to 1 of class 1 (ratio 19 > 10), class 1 predicted right every other step
            String zeros = "0, ".repeat(19);
            lines.add("{\"step\": " + step + ", \"mode\": \"train\", \"tensors\": {\"labels\": [" + zeros + "1], "
                    + "\"predictions\": [" + zeros + (step % 2) + "]}}");
        }
        Files.write(records, lines, StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(1, cl.execute("evaluate", "--html", html.toString(), records.toString()), out.toString());

        ChromeDriver browser = Chromium.start(true);
        try {
            browser.get(html.toUri().toString());
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.until(d -> d.findElements(By.cssSelector(".chart canvas")).size() == 2);
            assertEquals(Set.of("0", "1"), classesShown(browser));
            assertTrue(browser.findElement(By.id("summary")).getText().startsWith("ClassImbalance: imbalance ratio"),
                    browser.findElement(By.id("summary")).getText());
            assertEquals("50", browser.findElement(By.id("job")).getDomAttribute("data-points"));
            assertFalse(browser.findElement(By.id("status")).getText().contains("HTTP"));
            Chromium.screenshot(browser, "dashboard-html");
        } finally {
            browser.quit();
        }
    }

    private static long labelsShown(org.openqa.selenium.WebDriver d) {
        return rendered(() -> {
            List<WebElement> cells = d.findElements(By.cssSelector("#jobs tbody tr td:nth-child(3)"));
            String text = cells.isEmpty() ? "" : cells.get(0).getText();
            return text.isEmpty() ? 0L : Long.parseLong(text);
        });
    }

    private static int updates(org.openqa.selenium.WebDriver d) {
        String value = d.findElement(By.tagName("body")).getDomAttribute("data-updates");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static Set<String> classesShown(org.openqa.selenium.WebDriver d) {
        return rendered(() -> d.findElements(By.cssSelector("#classes .class-row[data-class]")).stream()
                .map(e -> e.getDomAttribute("data-class")).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Reads the page again if it re-rendered the elements while they were read (a few times at most). */
    private static <T> T rendered(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
