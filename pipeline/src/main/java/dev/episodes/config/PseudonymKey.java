package dev.episodes.config;

import dev.episodes.redaction.Pseudonymizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            return checked(fromFile(file), "file " + file);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.strip().getBytes(StandardCharsets.UTF_8), "environment " + ENV);
        }
        return new PseudonymKey(DEVELOPMENT, "built-in development key", true);
    }

    /**
     * A key file holds any bytes: {@code head -c 32 /dev/urandom > key} is used as it is. A file that is
     * UTF-8 text (a passphrase, a hex or base64 string) is used without its surrounding whitespace, as
     * before, so the key id of a text key, and every pseudonym made with it, stays the same.
     */
    static byte[] fromFile(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--pseudonym-key-file " + file + " does not exist (give the file "
                    + "holding the dataset's key, e.g. made with: head -c 32 /dev/urandom > " + file + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("--pseudonym-key-file " + file + " cannot be read ("
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName()) + "; check its permissions)");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            return text.strip().getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            return raw;
        }
    }

    private static PseudonymKey checked(byte[] key, String source) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonym key from " + source + " is " + key.length
                    + " bytes; use at least 16 (32 random bytes recommended: head -c 32 /dev/urandom > key)");
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
