package dev.skewguard.collector.cli;

import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.WebhookTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code serve}'s webhook for every job's alerts ({@link AlertRoutes#everyJob}), as a picocli {@code @Mixin}. */
public final class WebhookOptions {
    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "POST an alert (JSON, signed) to URL on each job's first trigger, stop decision and Stop "
                    + "sent; needs --webhook-secret-file; https beyond this machine unless --webhook-allow-http.")
    String url;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "The secret of the alerts' X-Skewguard-Signature (sha256=HMAC-SHA256 of the body, hex); "
                    + "a final newline is not part of it.")
    Path secretFile;

    @Option(names = "--webhook-allow-http",
            description = "Allow a plain http --webhook-url beyond this machine (refused otherwise).")
    boolean allowHttp;

    /** The target {@link #toRoutes()} made, if any. */
    private WebhookTarget target;

    /**
     * The routes given: every job to --webhook-url, or none.
     *
     * @throws IllegalArgumentException naming the option when the URL or the secret file is wrong
     */
    AlertRoutes toRoutes() {
        if (url == null) {
            if (secretFile != null || allowHttp) {
                throw new IllegalArgumentException((secretFile != null ? "--webhook-secret-file"
                        : "--webhook-allow-http") + " without --webhook-url: give the URL alerts go to");
            }
            return AlertRoutes.NONE;
        }
        target = WebhookTarget.of(url, secretFile, allowHttp);
        return AlertRoutes.everyJob(target);
    }

    /** For the start-up line, after {@link #toRoutes()}: where alerts go, or "". */
    String describe() {
        return target == null ? "" : ", alerts to " + target.describe();
    }
}
