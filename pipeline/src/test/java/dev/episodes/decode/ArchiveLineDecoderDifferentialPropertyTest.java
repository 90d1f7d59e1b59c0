package dev.episodes.decode;

import static dev.episodes.decode.NameCheckLines.JSON;
import static dev.episodes.decode.NameCheckLines.consent;
import static dev.episodes.decode.NameCheckLines.key;
import static dev.episodes.decode.NameCheckLines.refusedAlone;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The name check against a decoder that remembers nothing, over random rounds of a few files, people
 * and devices, some files named after them: it goes on decoding after a refused line (as many as the
 * round has), ids are also used in the other role (a user id as a device id), consent
 * events (device "") and case variants are drawn, names hold ids in other delimiters and cases, and a
 * rejected line now and then comes between. Every line must be decided as a decoder that remembers
 * nothing decides it.
 */
class ArchiveLineDecoderDifferentialPropertyTest {
    private static int run(String[] ids, long seed) {
        Random random = new Random(seed);
        int refused = 0;
        for (int round = 0; round < 1_500; round++) {
            List<String> names = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                names.add(random.nextInt(3) == 0 ? "export-" + f + ".jsonl"
                        : "x/" + ids[random.nextInt(ids.length)].toUpperCase().replace('-', '_') + "." + f + ".jsonl");
            }
            ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
            for (int n = 0; n < 60; n++) {
                int file = random.nextInt(3);
                String user = ids[random.nextInt(ids.length)];
                String device = ids[random.nextInt(ids.length)];
                int what = random.nextInt(10);
                ArchiveLine line = what == 0 ? ArchiveLine.tooLong(file, n)
                        : ArchiveLine.line(file, n, what == 1 ? consent(user) : key(user, device));
                String say = (names.get(file) + " user=" + user + " device=" + (what == 1 ? "" : device)).replace("\u0000", "\\0");
                if (refusedAlone(names, line)) {
                    assertThrows(ArchiveInputError.class, () -> decoder.decode(line), say);
                    refused++;
                } else {
                    DecodeResult r = decoder.decode(line);
                    Class<?> expected = what == 0 ? DecodeResult.Rejected.class : DecodeResult.Decoded.class;
                    assertTrue(expected.isInstance(r), say + ": " + r);
                }
            }
        }
        return refused;
    }

    /** HELD on c23898c. */
    @Test
    void everyLineIsDecidedAsAloneWithoutNulsInIds() {
        String[] ids = {"u-1", "u-12", "U-1", "d-1", "D-1", "d-12", "u-1-d-1", "1", "\u00e9-1", "\u00c9-1"};
        assertTrue(run(ids, 28) > 3_000);
    }

    /** FAILS on c23898c (and its parent): ids with a NUL make two (user, device) pairs share a triple key. */
    @Test
    void everyLineIsDecidedAsAloneWithNulsInIds() {
        String[] ids = {"u-1", "d-1", "u-1\u0000d-1", "d-1\u0000u-1", "\u0000", "u-1\u0000", "\u0000d-1", "x", "x\u0000u-1"};
        assertTrue(run(ids, 29) > 3_000);
    }
}
