package dev.episodes.decode;

import static dev.episodes.decode.NameCheckLines.JSON;
import static dev.episodes.decode.NameCheckLines.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.episodes.archive.ArchiveLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attack (c): a dead letter's source is now built only for rejected lines. Rejected lines of every kind,
 * interleaved with decoded lines whose triple is remembered, must carry exactly what a fresh
 * decoder gives them (reason, detail, raw, user, time, and FileLine(name of the line's file, its number)).
 * HELD on c23898c; the existing tests check a source only on a decoder that decoded nothing else.
 */
class ArchiveLineDecoderDeadLetterSourceTest {
    @Test
    void everyDeadLetterSaysItsOwnFileAndLineWhateverWasDecodedBefore() {
        List<String> names = List.of("a.jsonl", "sub/b.jsonl.gz", "c/2026-11-30.jsonl", "a.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        Random random = new Random(28);
        int dead = 0;
        for (int n = 0; n < 5_000; n++) {
            int file = random.nextInt(names.size());
            long number = random.nextInt(3) == 0 ? n : Long.MAX_VALUE - random.nextInt(3);
            String user = "u-" + random.nextInt(3);
            String device = "d-" + random.nextInt(3);
            ArchiveLine line = switch (random.nextInt(7)) {
                case 0 -> ArchiveLine.tooLong(file, number);
                case 1 -> ArchiveLine.unreadable(file, number, "corrupt gzip " + n);
                case 2 -> ArchiveLine.line(file, number, "{\"kind\":\"key\"".getBytes(StandardCharsets.UTF_8));
                case 3 -> ArchiveLine.line(file, number, new String(key(user, device), StandardCharsets.UTF_8)
                        .replace("1764403200000000", "1").getBytes(StandardCharsets.UTF_8)); // ts before 2000
                default -> ArchiveLine.line(file, number, key(user, device));
            };
            DecodeResult got = decoder.decode(line);
            DecodeResult alone = new ArchiveLineDecoder(JSON, names).decode(line);
            assertEquals(alone.getClass(), got.getClass(), "line " + n);
            if (alone instanceof DecodeResult.Rejected a) {
                DeadLetter d = ((DecodeResult.Rejected) got).deadLetter();
                assertEquals(a.deadLetter(), d, "line " + n);
                assertEquals(new DeadLetter.FileLine(names.get(file), number), d.source(), "line " + n);
                dead++;
            } else {
                assertEquals(((DecodeResult.Decoded) alone).event(), assertInstanceOf(DecodeResult.Decoded.class, got).event());
            }
        }
        assertEquals(true, dead > 1_500, "dead letters seen: " + dead);
    }
}
