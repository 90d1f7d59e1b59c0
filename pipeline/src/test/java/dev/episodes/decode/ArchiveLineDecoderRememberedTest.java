package dev.episodes.decode;

import static dev.episodes.decode.NameCheckLines.JSON;
import static dev.episodes.decode.NameCheckLines.consent;
import static dev.episodes.decode.NameCheckLines.key;
import static dev.episodes.decode.NameCheckLines.refusedAlone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacks on what the name check remembers (written against c23898c's per-device fast path, since
 * removed; all HELD): each line's outcome is compared with a decoder that remembers nothing. A device
 * that changes person or file and comes back, decoding on after an ArchiveInputError, a serialized
 * decoder, one id as a user and as a device, case and normalisation variants of a file's id.
 */
class ArchiveLineDecoderRememberedTest {
    private static void likeAlone(ArchiveLineDecoder decoder, List<String> names, ArchiveLine line, String what) {
        if (refusedAlone(names, line)) {
            assertThrows(ArchiveInputError.class, () -> decoder.decode(line), what + ": refused alone");
        } else {
            assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(line), what + ": decoded alone");
        }
    }

    @Test
    void theSameDeviceStringUnderAnotherUserIsCheckedAgain() {
        List<String> names = List.of("x/u-1.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, i, key("u-9", "d-1"))));
        }
        assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(0, 4, key("u-1", "d-1"))));
        assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(0, 5, key("U-1", "d-1"))),
                "another case of the user is another string, checked on its own");
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 6, key("u-9", "d-1"))),
                "the failed lines left the device's last clean (file, user) as it was");
    }

    /** A device leaves a clean file for one named after its user, fails, comes back, and tries again. */
    @Test
    void aDeviceMovingToANamedFileAndBackFailsEveryTimeItIsThere() {
        List<String> names = List.of("export-0.jsonl", "x/u-1/1.jsonl", "export-2.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        for (int round = 0; round < 3; round++) {
            assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 1, key("u-1", "d-1"))));
            assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(1, 1, key("u-1", "d-1"))));
            assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(2, 1, key("u-1", "d-1"))));
            assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(1, 2, key("u-1", "d-1"))),
                    "file 2 was found clean, file 1 never is");
            assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 2, key("u-9", "d-1"))));
            assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(1, 3, key("u-1", "d-1"))));
        }
    }

    /** One string as a user id here and a device id there; consent events (device "") among them. */
    @Test
    void anIdUsedAsAUserAndAsADeviceIsCheckedInBothRoles() {
        List<String> names = List.of("x/d-1.jsonl", "x/u-1.jsonl", "export.jsonl");
        String[] ids = {"u-1", "d-1", "U-1", "D-1", "u-1-d-1", "d"};
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        int n = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (int f = 0; f < 3; f++) {
                for (String u : ids) {
                    likeAlone(decoder, names, ArchiveLine.line(f, ++n, consent(u)), names.get(f) + " consent " + u);
                    for (String d : ids) {
                        likeAlone(decoder, names, ArchiveLine.line(f, ++n, key(u, d)), names.get(f) + " " + u + " " + d);
                    }
                }
            }
        }
    }

    /** Full-width, decomposed, Turkish and German case forms of a file's id, each against the oracle. */
    @Test
    void idsThatDifferOnlyInCaseOrNormalisationAreEachCheckedOnTheirOwn() {
        List<String> names = List.of("x/\u00c9ve-1.jsonl", "x/stra\u00dfe-7.jsonl", "x/\u0130d-3.jsonl", "export.jsonl");
        String[] ids = {"\u00e9ve-1", "E\u0301ve-1", "\u00c9VE-1", "\uff45ve-1", "\u00e9ve_1", "strasse-7", "STRASSE-7",
                "stra\u00dfe-7", "STRA\u1e9eE-7", "id-3", "\u0130d-3", "i\u0307d-3", "\u0131d-3", "ID-3"};
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        int n = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (int f = 0; f < names.size(); f++) {
                for (String id : ids) {
                    likeAlone(decoder, names, ArchiveLine.line(f, ++n, key("u-9", id)), names.get(f) + " device " + id);
                    likeAlone(decoder, names, ArchiveLine.line(f, ++n, key(id, "d-9")), names.get(f) + " user " + id);
                    likeAlone(decoder, names, ArchiveLine.line(f, ++n, key(id, id)), names.get(f) + " both " + id);
                }
            }
        }
    }

    /** Flink ships the decoder serialized: what it remembered is transient, and a copy must check again. */
    @Test
    void aSerializedCopyOfADecoderThatRememberedChecksAgain() throws Exception {
        List<String> names = List.of("export.jsonl", "x/u-1.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 1, key("u-1", "d-1"))));
        ArchiveLineDecoder copy = roundTrip(decoder);
        assertNotSame(decoder, copy);
        assertInstanceOf(DecodeResult.Decoded.class, copy.decode(ArchiveLine.line(0, 2, key("u-1", "d-1"))));
        assertThrows(ArchiveInputError.class, () -> copy.decode(ArchiveLine.line(1, 1, key("u-1", "d-1"))));
        ArchiveLineDecoder again = roundTrip(copy);
        assertThrows(ArchiveInputError.class, () -> again.decode(ArchiveLine.line(1, 1, key("u-1", "d-1"))));
        assertInstanceOf(DecodeResult.Decoded.class, again.decode(ArchiveLine.line(1, 2, key("u-9", "d-1"))));
        assertThrows(ArchiveInputError.class, () -> decoder.decode(ArchiveLine.line(1, 1, key("u-1", "d-1"))),
                "the original still checks too");
        DeadLetter dl = assertInstanceOf(DecodeResult.Rejected.class, again.decode(ArchiveLine.tooLong(1, 9))).deadLetter();
        assertEquals(new DeadLetter.FileLine("x/u-1.jsonl", 9), dl.source());
    }

    private static ArchiveLineDecoder roundTrip(ArchiveLineDecoder d) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ArchiveLineDecoder) in.readObject();
        }
    }

    /** A file index no name belongs to fails as before the commit, whatever the device's last clean file. */
    @Test
    void aFileIndexBeyondTheNamesFailsWhetherTheLineIsDecodedOrRejected() {
        List<String> names = List.of("export.jsonl");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 1, key("u-1", "d-1"))));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ArchiveLine.line(1, 1, key("u-1", "d-1"))));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ArchiveLine.line(-1, 1, key("u-1", "d-1"))));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ArchiveLine.tooLong(1, 1)));
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(ArchiveLine.line(0, 2, key("u-1", "d-1"))));
        assertTrue(true);
    }
}
