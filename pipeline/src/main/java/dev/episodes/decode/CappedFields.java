package dev.episodes.decode;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * {@link Fields} that apply {@link FieldLimits}: text longer than its field's limit is cut (and counted),
 * an over-long id is a {@link FieldError}. One per record; its nested element shares the count.
 */
final class CappedFields implements Fields {
    private final Fields inner;
    private final ToIntFunction<String> limits;
    private final int[] truncated;

    CappedFields(Fields inner) {
        this(inner, FieldLimits::topLevel, new int[1]);
    }

    private CappedFields(Fields inner, ToIntFunction<String> limits, int[] truncated) {
        this.inner = inner;
        this.limits = limits;
        this.truncated = truncated;
    }

    /** How many values of this record (and its element) were cut or dropped. */
    int truncated() {
        return truncated[0];
    }

    @Override
    public String text(String name) {
        String s = inner.text(name);
        if (s != null && unpairedSurrogate(s)) {
            // Valid JSON ("\ud800"), but no character: written out it would silently become '?'.
            throw new FieldError(RejectReason.INVALID_VALUE, name + " holds an unpaired UTF-16 surrogate escape");
        }
        int limit = limits.applyAsInt(name);
        // Three UTF-8 bytes at most per UTF-16 unit: short values need no count.
        if (s == null || limit == 0 || s.length() <= limit / 3 || FieldLimits.utf8Length(s, limit) <= limit) {
            return s;
        }
        return switch (name) {
            case "event_id", "user_id", "device_id" -> throw new FieldError(RejectReason.INVALID_VALUE,
                    name + " longer than " + FieldLimits.ID_BYTES + " bytes");
            case "screenshot_ref" -> {
                truncated[0]++;
                yield null;
            }
            default -> {
                truncated[0]++;
                yield FieldLimits.truncate(s, limit);
            }
        };
    }

    static boolean unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Long integral(String name) {
        return inner.integral(name);
    }

    @Override
    public Integer int32(String name) {
        return inner.int32(name);
    }

    @Override
    public Boolean bool(String name) {
        return inner.bool(name);
    }

    @Override
    public Fields object(String name) {
        Fields f = inner.object(name);
        return f == null ? null : new CappedFields(f, FieldLimits::element, truncated);
    }

    @Override
    public List<String> strings(String name) {
        return inner.strings(name);
    }
}
