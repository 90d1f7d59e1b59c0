package dev.episodes.decode;

import static dev.episodes.decode.NameCheckLines.JSON;
import static dev.episodes.decode.NameCheckLines.consent;
import static dev.episodes.decode.NameCheckLines.key;
import static dev.episodes.decode.NameCheckLines.refusedAlone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.event.RawEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack: the remembered triple's key is {@code name \0 user \0 device}, and ids may hold a NUL (JSON
 * {@code \u0000}: the decoder accepts it, ids are only required non-empty and at most 256 bytes). Two
 * different (user, device) pairs then share a key: the clean one makes the leaking one pass.
 * EXPECTED TO FAIL on c23898c (and on its parent: the key is unchanged by the commit).
 */
class ArchiveLineDecoderTripleKeyCollisionTest {
    private static final List<String> NAMES = List.of("x/u-1.jsonl");

    @Test
    void anIdWithANulIsDecoded() {
        RawEvent e = assertInstanceOf(DecodeResult.Decoded.class,
                new ArchiveLineDecoder(JSON, List.of("a.jsonl")).decode(ArchiveLine.line(0, 1, key("u-1\u0000x", "d-9"))))
                .event();
        assertEquals("u-1\u0000x", e.userId(), "precondition: a NUL survives decoding into the id");
    }

    /** User "u-1\0x" on device "d-9" is clean in x/u-1.jsonl; user "u-1" on device "x\0d-9" is not. */
    @Test
    void aUserNamedByItsFileIsRefusedAfterACleanPairWhoseTripleKeyIsTheSame() {
        ArchiveLine clean = ArchiveLine.line(0, 1, key("u-1\u0000x", "d-9"));
        ArchiveLine leak = ArchiveLine.line(0, 2, key("u-1", "x\u0000d-9"));
        refusedAfter(NAMES, clean, leak,
                "x/u-1.jsonl holds u-1, the user of this line: the run must fail (manifests list this name)");
    }

    /** {@code leak} is refused by a decoder that found {@code clean} clean, as by one that remembers nothing. */
    private static void refusedAfter(List<String> names, ArchiveLine clean, ArchiveLine leak, String why) {
        assertTrue(!refusedAlone(names, clean) && refusedAlone(names, leak), "precondition: the oracle");
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(JSON, names);
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(clean));
        assertThrows(ArchiveInputError.class, () -> decoder.decode(leak), why);
    }

    /** The same through the device id: a consent event (device "") first, then device "\0" of user u-1. */
    @Test
    void aConsentEventsEmptyDeviceAndANulDeviceShareAKey() {
        ArchiveLine clean = ArchiveLine.line(0, 1, consent("u-1\u0000"));
        ArchiveLine leak = ArchiveLine.line(0, 2, key("u-1", "\u0000"));
        refusedAfter(NAMES, clean, leak, "x/u-1.jsonl holds u-1, the user of this line");
    }

    /** Through the device: user "q" on device "r\0d-1" is clean in x/d-1.jsonl; user "q\0r" on device d-1 is not. */
    @Test
    void aDeviceNamedByItsFileIsRefusedAfterACleanPairWhoseTripleKeyIsTheSame() {
        List<String> names = List.of("x/d-1.jsonl");
        ArchiveLine clean = ArchiveLine.line(0, 1, key("q", "r\u0000d-1"));
        ArchiveLine leak = ArchiveLine.line(0, 2, key("q\u0000r", "d-1"));
        refusedAfter(names, clean, leak, "x/d-1.jsonl holds d-1, the device of this line");
    }
}
