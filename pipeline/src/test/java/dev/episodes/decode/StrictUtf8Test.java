package dev.episodes.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Agrees with the JDK's strict decoder (REPORT on malformed input) on every byte string tried. */
class StrictUtf8Test {
    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkOnRandomBytesBiasedToMultiByteSequences() {
        Random r = new Random(42);
        int invalid = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int k = 0; k < b.length; k++) {
                int pick = r.nextInt(4);
                b[k] = (byte) switch (pick) {
                    case 0 -> r.nextInt(0x80);          // ASCII
                    case 1 -> 0x80 + r.nextInt(0x40);   // continuation bytes
                    case 2 -> 0xC0 + r.nextInt(0x40);   // lead bytes, C0..FF
                    default -> new int[] {0xE0, 0xED, 0xF0, 0xF4, 0x80, 0x9F, 0xA0, 0xBF, 0x8F, 0x90}[r.nextInt(10)];
                };
            }
            boolean ours = StrictUtf8.firstInvalid(b, 0, b.length) < 0;
            assertEquals(jdkAccepts(b), ours, () -> java.util.HexFormat.of().formatHex(b));
            invalid += ours ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(invalid > 10_000 && invalid < 190_000, "both kinds tried: " + invalid);
    }

    @Test
    void everyCodePointEncodedByTheJdkIsValid() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, StrictUtf8.firstInvalid(b, 0, b.length), Integer.toHexString(cp));
        }
    }
}
