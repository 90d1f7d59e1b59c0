package dev.episodes.snapshot;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * The byte an enum constant is written as in state and between operators, pinned by an explicit table
 * instead of {@link Enum#ordinal()}: reordering or inserting constants in the enum changes no stored byte.
 * A table is append-only; one that does not list every constant fails when its class loads, so a new
 * constant cannot be written before it has a code.
 */
public final class WireCodes<E extends Enum<E>> {
    private final Class<E> type;
    private final E[] byCode;
    private final byte[] codes;

    private WireCodes(Class<E> type, E[] byCode) {
        this.type = type;
        this.byCode = byCode;
        this.codes = new byte[type.getEnumConstants().length];
        for (int code = 0; code < byCode.length; code++) {
            codes[byCode[code].ordinal()] = (byte) code;
        }
    }

    /** {@code byCode[i]} is written as {@code i}; every constant of {@code type} exactly once, at most 127. */
    @SafeVarargs
    public static <E extends Enum<E>> WireCodes<E> pin(Class<E> type, E... byCode) {
        EnumSet<E> listed = EnumSet.noneOf(type);
        for (E e : byCode) {
            if (!listed.add(e)) {
                throw new IllegalStateException(type.getName() + " wire codes list " + e + " twice");
            }
        }
        EnumSet<E> missing = EnumSet.complementOf(listed);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(type.getName() + " wire codes lack " + missing
                    + ": append them to the end of the table, never in between");
        }
        if (byCode.length > Byte.MAX_VALUE) {
            throw new IllegalStateException(type.getName() + " has more constants than one byte codes");
        }
        return new WireCodes<>(type, Arrays.copyOf(byCode, byCode.length));
    }

    public int code(E value) {
        return codes[value.ordinal()];
    }

    /** -1 for null. */
    public int codeOrNone(E value) {
        return value == null ? -1 : code(value);
    }

    public E of(int code) throws IOException {
        if (code < 0 || code >= byCode.length) {
            throw new IOException("unknown " + type.getSimpleName() + " code " + code + " (state written by a newer build?)");
        }
        return byCode[code];
    }

    /** null for a negative code (see {@link #codeOrNone}). */
    public E ofOrNone(int code) throws IOException {
        return code < 0 ? null : of(code);
    }
}
