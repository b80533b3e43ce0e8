package dev.skewguard.collector.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a job's alerts go: an http(s) URL, and the secret their {@link WebhookSignature} is made with. Beyond this
 * machine the URL must be https unless plain http is explicitly allowed: an alert names the job and its classes, and
 * its signature proves its origin, not its privacy.
 */
public final class WebhookTarget {
    private final URI url;
    private final byte[] secret;

    private WebhookTarget(URI url, byte[] secret) {
        this.url = url;
        this.secret = secret;
    }

    /**
     * A target after checking its URL and reading its secret file.
     *
     * @param allowHttp plain http to a host beyond loopback is refused without it
     * @throws IllegalArgumentException a URL that is not absolute http(s) with a host, plain http beyond loopback
     *     without {@code allowHttp}, a secret file that cannot be read or is empty; the message says what to do
     */
    public static WebhookTarget of(String url, Path secretFile, boolean allowHttp) {
        return new WebhookTarget(checkUrl(url, allowHttp), readSecret(secretFile));
    }

    /** A target with the secret itself (tests, a rules file that has read it). */
    public static WebhookTarget of(URI url, byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        return new WebhookTarget(Objects.requireNonNull(url, "url"), secret.clone());
    }

    static URI checkUrl(String text, boolean allowHttp) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--webhook-url " + text + " is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("--webhook-url " + text + " must be an http or https URL with a host, "
                    + "e.g. https://alerts.example.com/skewguard");
        }
        if (scheme.equals("http") && !allowHttp && !loopback(url.getHost())) {
            throw new IllegalArgumentException("--webhook-url " + text + " is plain http beyond this machine: use "
                    + "https, or add --webhook-allow-http if the network path is trusted");
        }
        return url;
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: not resolved here, it could point anywhere
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] readSecret(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("--webhook-url needs --webhook-secret-file: a file holding the secret "
                    + "the X-Skewguard-Signature of every alert is made with (receivers check it)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--webhook-secret-file " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--webhook-secret-file " + file + ": cannot read it: " + e.getMessage());
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("--webhook-secret-file " + file + " is empty: put the shared secret "
                    + "in it (one line; a final newline is not part of it)");
        }
        return Arrays.copyOf(bytes, end);
    }

    public URI url() {
        return url;
    }

    /** The signature of {@code body} with this target's secret, the {@value WebhookSignature#HEADER} value. */
    String sign(byte[] body) {
        return WebhookSignature.sign(secret, body);
    }

    /** The URL without its query (which may carry a token), for log lines. */
    public String describe() {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return describe();
    }
}
