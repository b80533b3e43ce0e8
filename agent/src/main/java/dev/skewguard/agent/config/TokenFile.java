package dev.skewguard.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code token_file} option: the token is the file's content, surrounding white space removed. */
final class TokenFile {
    /** A token file is small; anything larger is not one. */
    static final long MAX_BYTES = 64 * 1024;

    private TokenFile() {
    }

    /** @throws IllegalArgumentException why the file gives no token (never its content) */
    static String read(String file) {
        Path path = Path.of(file);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes: expected a file holding "
                        + "only the token");
            }
            String token = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the file is empty: write the token in it");
            }
            if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("the token holds white space or a character that is not "
                        + "printable ASCII: a token is one word");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
