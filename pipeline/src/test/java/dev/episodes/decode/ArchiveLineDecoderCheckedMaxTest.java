package dev.episodes.decode;

import static dev.episodes.decode.NameCheckLines.JSON;
import static dev.episodes.decode.NameCheckLines.key;
import static dev.episodes.decode.NameCheckLines.refusedAlone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attacks (a) and (d) across the CHECKED_MAX clears of the triples found clean (c23898c also had a
 * per-device map that cleared at other times; it is gone). Over more than two clears, every line is
 * decided as a decoder that remembers nothing decides it, and the set never holds more than CHECKED_MAX
 * triples. HELD on c23898c. Run with a bound of 1,024 instead
 * of the job's 65,536 (the same code; a sixty-fourth of the lines and of the checks' regexes).
 */
class ArchiveLineDecoderCheckedMaxTest {
    private static final int MAX = 1_024;

    @Test
    void theJobsDecoderRemembersUpTo65536() throws Exception {
        Field f = ArchiveLineDecoder.class.getDeclaredField("checkedMax");
        f.setAccessible(true);
        assertEquals(65_536, f.getInt(new ArchiveLineDecoder(JSON, List.of("a.jsonl"))));
    }

    private static int size(ArchiveLineDecoder d, String field) throws ReflectiveOperationException {
        Field f = ArchiveLineDecoder.class.getDeclaredField(field);
        f.setAccessible(true);
        Object o = f.get(d);
        return o == null ? 0 : o instanceof Map<?, ?> m ? m.size() : ((Collection<?>) o).size();
    }

    /**
     * Many devices of few users, then few devices of many users (the set clears in every phase), with
     * devices of interest coming back between: each must be refused in the file named after it, and
     * decoded in the others.
     */
    @Test
    void clearsNeverLetANamedFilesLinePass() throws Exception {
        List<String> names = List.of("export-0.jsonl", "x/d-keep.jsonl", "x/u-keep.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names, MAX);
        Random random = new Random(1_024);
        int maxChecked = 0;
        long n = 0;
        for (int phase = 0; phase < 4; phase++) {
            int lines = MAX + 110;
            for (int i = 0; i < lines; i++) {
                String user = phase % 2 == 0 ? "u-" + (i % 3) : "u-" + phase + "-" + i;
                String device = phase % 2 == 0 ? "d-" + phase + "-" + i : "d-" + (i % 5);
                int file = random.nextInt(3);
                assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(file, ++n, key(user, device))));
                if (i % 67 == 0) {
                    decoder.decode(ArchiveLine.line(0, ++n, key("u-keep", "d-keep")));
                    assertThrows(ArchiveInputError.class,
                            () -> decoder.decode(ArchiveLine.line(1, 1, key("u-other", "d-keep"))), "phase " + phase);
                    assertThrows(ArchiveInputError.class,
                            () -> decoder.decode(ArchiveLine.line(2, 1, key("u-keep", "d-other"))), "phase " + phase);
                    assertThrows(ArchiveInputError.class,
                            () -> decoder.decode(ArchiveLine.line(1, 1, key("u-keep", "d-keep"))), "phase " + phase);
                    decoder.decode(ArchiveLine.line(0, ++n, key("u-other", "d-keep")));
                    decoder.decode(ArchiveLine.line(0, ++n, key("u-keep", "d-other")));
                }
                if (i % 16 == 0) {
                    maxChecked = Math.max(maxChecked, size(decoder, "checked"));
                }
            }
            maxChecked = Math.max(maxChecked, size(decoder, "checked"));
        }
        assertTrue(maxChecked <= MAX, "bounded: " + maxChecked + " triples");
        assertTrue(maxChecked > MAX - 32, "filled: " + maxChecked);
    }

    /** A random walk over a pool of devices a little larger than CHECKED_MAX, against the oracle on every 7th line. */
    @Test
    void aRandomWalkThroughClearsDecidesLikeADecoderThatRemembersNothing() {
        List<String> names = List.of("export-0.jsonl", "x/d-1100.jsonl", "x/u-3.jsonl", "x/D-5_1.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names, MAX);
        Random random = new Random(7);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            int file = random.nextInt(names.size());
            String user = "u-" + random.nextInt(5);
            String device = random.nextInt(50) == 0 ? "d-5-1" : "d-" + (random.nextInt(4) == 0 ? 1_100 : random.nextInt(1_101));
            ArchiveLine line = ArchiveLine.line(file, n, key(user, device));
            boolean bad = file == 1 && device.equals("d-1100") || file == 2 && user.equals("u-3")
                    || file == 3 && (device.equals("d-5-1") || device.equals("d-5"));
            if (n % 7 == 0) {
                assertTrue(bad == refusedAlone(names, line), "the test's model of the oracle: " + names.get(file) + " " + user + " " + device);
            }
            if (bad) {
                refused++;
                assertThrows(ArchiveInputError.class, () -> decoder.decode(line), names.get(file) + " " + user + " " + device);
            } else {
                assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(line));
            }
        }
        assertTrue(refused > 1_000, "refused: " + refused);
    }
}
