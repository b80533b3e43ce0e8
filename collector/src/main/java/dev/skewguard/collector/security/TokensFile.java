package dev.skewguard.collector.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collector's {@code --tokens-file}: one token per line, then the job-id patterns it may touch, comma-separated
 * ({@code <token> team-a-*,shared}); blank lines and lines starting with {@code #} are skipped. Tokens are kept only
 * as SHA-256 digests and compared in constant time; no token is ever written to a log line or an error.
 */
public final class TokensFile {
    /** Shorter tokens are refused: they could be guessed. */
    public static final int MIN_TOKEN_CHARS = 16;

    private final Map<String, Grant> grants;

    private TokensFile(Map<String, Grant> grants) {
        this.grants = grants;
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException one line saying which line is wrong and how (never the token itself)
     */
    public static TokensFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--tokens-file " + file + " does not exist: give a file with one "
                    + "'<token> <job-pattern>[,<job-pattern>...]' per line");
        } catch (IOException e) {
            throw new IllegalArgumentException("--tokens-file " + file + " cannot be read (" + e + ")");
        }
        return parse(lines, "--tokens-file " + file);
    }

    static TokensFile parse(List<String> lines, String where) {
        Map<String, Grant> grants = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + " line " + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(at + "expected '<token> <job-pattern>[,<job-pattern>...]' "
                        + "(two fields, patterns comma-separated without spaces), found " + parts.length + " fields");
            }
            if (parts[0].length() < MIN_TOKEN_CHARS) {
                throw new IllegalArgumentException(at + "the token is shorter than " + MIN_TOKEN_CHARS
                        + " characters: use a random one, e.g. from 'openssl rand -hex 32'");
            }
            List<String> patterns = Arrays.stream(parts[1].split(",")).filter(p -> !p.isEmpty()).toList();
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException(at + "no job pattern: give e.g. team-a-* (or * for every job)");
            }
            if (grants.put(digest(parts[0]), new Grant(patterns)) != null) {
                throw new IllegalArgumentException(at + "the same token is listed twice: list it once with all "
                        + "its patterns");
            }
        }
        if (grants.isEmpty()) {
            throw new IllegalArgumentException(where + " lists no token: add '<token> <job-pattern>' lines");
        }
        return new TokensFile(Map.copyOf(grants));
    }

    /** The grant of {@code token}, if the file lists it. */
    public Optional<Grant> grantFor(String token) {
        byte[] presented = digestBytes(token);
        Grant found = null;
        for (Map.Entry<String, Grant> e : grants.entrySet()) {
            if (MessageDigest.isEqual(presented, java.util.HexFormat.of().parseHex(e.getKey()))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private static String digest(String token) {
        return java.util.HexFormat.of().formatHex(digestBytes(token));
    }

    private static byte[] digestBytes(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
