package dev.episodes.config;

import dev.episodes.redaction.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the pseudonym key comes from: a file ({@code --pseudonym-key-file}), else the environment
 * variable {@value #ENV}, else a built-in development key, with a warning, so a demo runs out of the
 * box but a production run never silently uses it. The key is never logged or written out.
 */
public record PseudonymKey(byte[] bytes, String source, boolean development) {
    public static final String ENV = "EPISODES_PSEUDONYM_KEY";
    private static final byte[] DEVELOPMENT = "activity-episodes development key: NOT SECRET, do not use in production"
            .getBytes(StandardCharsets.UTF_8);

    public static PseudonymKey resolve(Path file, Map<String, String> env) throws IOException {
        if (file != null) {
            byte[] key = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            return checked(key, "file " + file);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.strip().getBytes(StandardCharsets.UTF_8), "environment " + ENV);
        }
        return new PseudonymKey(DEVELOPMENT, "built-in development key", true);
    }

    private static PseudonymKey checked(byte[] key, String source) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonym key from " + source + " is " + key.length
                    + " bytes; use at least 16 (32 random bytes recommended)");
        }
        return new PseudonymKey(key, source, false);
    }

    public Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(bytes);
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + source + "]";
    }
}
