package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;

/** A sensitive span {@code [start, end)} of a string, the kind it is and the rule that found it. */
public record Span(int start, int end, Placeholder kind, String rule) {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
        }
    }

    public boolean overlaps(Span o) {
        return start < o.end && o.start < end;
    }
}
