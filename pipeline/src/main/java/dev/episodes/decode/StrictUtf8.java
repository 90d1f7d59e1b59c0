package dev.episodes.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629, Unicode's table of well-formed byte sequences): no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF, no truncated sequence. Jackson's byte parser and Java's lenient
 * decoding let some of these through or replace them, so records are checked here first.
 */
final class StrictUtf8 {
    /** Eight bytes at a time: records are nearly all ASCII, and a byte loop over them was 8% of the reader. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private StrictUtf8() {}

    /** The offset of the first byte that does not start or continue a well-formed sequence, or -1. */
    static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + Long.BYTES <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += Long.BYTES; // eight ASCII bytes
            }
            if (i >= to) {
                break;
            }
            int c = b[i];
            if (c >= 0) { // ASCII, by far the most common
                i++;
                continue;
            }
            c &= 0xFF;
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                if (c == 0xE0) {
                    lo = 0xA0; // below: overlong
                } else if (c == 0xED) {
                    hi = 0x9F; // above: UTF-16 surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                if (c == 0xF0) {
                    lo = 0x90; // below: overlong
                } else if (c == 0xF4) {
                    hi = 0x8F; // above: beyond U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 (overlong) or F5..FF
            }
            if (i + n >= to) {
                return i; // truncated at the end
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return -1;
    }
}
