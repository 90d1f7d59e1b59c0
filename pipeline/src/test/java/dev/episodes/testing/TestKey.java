package dev.episodes.testing;

import dev.episodes.config.PseudonymKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * The tests' pseudonym key: 32 random bytes drawn once and fixed here, so pseudonyms are the same in every
 * run. There is no built-in key any more: every test that builds a dataset passes this one explicitly.
 */
public final class TestKey {
    private static final byte[] BYTES =
            HexFormat.of().parseHex("eddca87667353da90ed277fc161f81fae3b26ad87640747bf1f05e53a22d455f");
    /** The key itself. */
    public static final PseudonymKey KEY = PseudonymKey.of(BYTES, "test key");
    private static Path file;

    private TestKey() {}

    /** A file holding the key (mode 0600, deleted when the JVM exits), for {@code --pseudonym-key-file}. */
    public static synchronized Path file() {
        if (file == null) {
            try {
                Path f = Files.createTempFile("episodes-test-", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(f, BYTES);
                f.toFile().deleteOnExit();
                file = f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** {@link #file()} as a command-line argument. */
    public static String path() {
        return file().toString();
    }
}
