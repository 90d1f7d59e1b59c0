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
 * variable {@value #ENV}. There is no fallback: a key in the code would be public, so anyone could hash
 * every directory id and re-identify everybody, and all datasets built with it would link to each other.
 * Without a key nothing that pseudonymises starts ({@link #MISSING}). The key is never logged or written out.
 */
public record PseudonymKey(byte[] bytes, String source) {
    public static final String ENV = "EPISODES_PSEUDONYM_KEY";
    /** Shortest key accepted, in bytes. */
    public static final int MIN_BYTES = 16;
    /** What a writing command or job says, and refuses to start, when no key is configured. */
    public static final String MISSING = "no pseudonym key: give --pseudonym-key-file FILE or set $" + ENV
            + " (make one with: head -c 32 /dev/urandom > pseudonym.key; keep it secret: it links pseudonyms to people)";

    public static PseudonymKey resolve(Path file, Map<String, String> env) throws IOException {
        if (file != null) {
            return checked(fromFile(file), "file " + file);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.strip().getBytes(StandardCharsets.UTF_8), "environment " + ENV);
        }
        throw new IllegalArgumentException(MISSING);
    }

    /** A key given as bytes (a test's, a benchmark's own random one); at least {@value #MIN_BYTES} bytes. */
    public static PseudonymKey of(byte[] key, String source) {
        return checked(key.clone(), source);
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
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("pseudonym key from " + source + " is " + key.length
                    + " bytes; use at least 16 (32 random bytes recommended: head -c 32 /dev/urandom > key)");
        }
        if (PUBLIC_KEY_SHA256.contains(sha256(key))) {
            throw new IllegalArgumentException("pseudonym key from " + source + " is the former built-in development "
                    + "key, which is public (make a secret one with: head -c 32 /dev/urandom > pseudonym.key)");
        }
        return new PseudonymKey(key, source);
    }

    /**
     * SHA-256 of keys everybody knows, refused: the development key earlier versions fell back to (its
     * datasets carry pseudonym_key_id b433c6c124f3). Only its hash is here, never its bytes.
     */
    private static final java.util.Set<String> PUBLIC_KEY_SHA256 =
            java.util.Set.of("b433c6c124f335149b98cba42108610cc50b4bad7967c9c8371581d077f14cc2");

    private static String sha256(byte[] key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(bytes);
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + source + "]";
    }
}
