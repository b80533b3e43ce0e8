package dev.skewguard.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}, installed with
 * apt-get the first time they are missing (CI runs as root on a fresh Debian machine), its output in
 * target/chromium-install.log.
 */
public final class Chromium {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static boolean checked;

    private Chromium() {
    }

    /** Installs chromium and chromium-driver if either is missing; fails with one line saying why it could not. */
    public static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (checked || (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER))) {
            checked = true;
            return;
        }
        Path log = Path.of("target", "chromium-install.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        if (apt(log, "install", "-y", "-qq", "chromium", "chromium-driver") != 0) {
            // a fresh machine has no package lists yet
            if (apt(log, "update", "-qq") != 0 || apt(log, "install", "-y", "-qq", "chromium", "chromium-driver") != 0) {
                throw new IllegalStateException("cannot install chromium and chromium-driver with apt-get (see " + log
                        + "): install them yourself (as root: apt-get install chromium chromium-driver)");
            }
        }
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("apt-get installed chromium but " + BROWSER + " or " + DRIVER
                    + " is missing (see " + log + ")");
        }
        checked = true;
    }

    private static int apt(Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("chromium is missing and apt-get cannot run (" + e.getMessage()
                    + "): install chromium and chromium-driver yourself");
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** A headless browser; {@code offline}: every request beyond the page's own file fails (a dead proxy). */
    public static ChromeDriver start(boolean offline) throws IOException, InterruptedException {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--no-first-run", "--disable-extensions");
        if (offline) {
            options.addArguments("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot under target/screenshots/NAME.png and returns its path. */
    public static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        return file;
    }
}
