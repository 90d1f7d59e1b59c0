package dev.episodes.consent;

import java.util.Map;
import java.util.TreeMap;

/**
 * One person's consent changes in event time. An event at {@code ts} is judged by the latest change at
 * or before it: a grant admits, a revoke withholds; a revoke with an end (a pause) withholds until its
 * end and then gives way to the change before it, so a pause never re-admits someone who had no consent
 * before it (an exemption outlives a pause inside it). Before any change, the configured default applies.
 * Immutable.
 */
public record ConsentHistory(TreeMap<Long, Change> changes) {

    /** A grant, or a revoke until {@code untilUs} ({@link #NO_END}: until a later grant). */
    public record Change(boolean granted, long untilUs) {
        public static final Change GRANTED = new Change(true, NO_END);
        public static final Change REVOKED = new Change(false, NO_END);
    }

    public static final long NO_END = Long.MAX_VALUE;

    /** What consent says about one event. */
    public enum Verdict {
        ADMITTED, REVOKED, PAUSED;

        public boolean admitted() {
            return this == ADMITTED;
        }
    }

    public static ConsentHistory empty() {
        return new ConsentHistory(new TreeMap<>());
    }

    public ConsentHistory with(long tsUs, boolean granted) {
        return with(tsUs, granted, NO_END);
    }

    /**
     * A change at {@code tsUs}; a revoke whose end is not after its time is a revoke with no end (fails closed).
     * Changes at one instant (consent systems stamp in milliseconds) combine, whatever order they arrive in,
     * to the stricter: any revoke over a grant, and of two revokes the one that withholds longer.
     */
    public ConsentHistory with(long tsUs, boolean granted, long untilUs) {
        TreeMap<Long, Change> next = new TreeMap<>(changes);
        next.merge(tsUs, granted ? Change.GRANTED : untilUs > tsUs ? new Change(false, untilUs) : Change.REVOKED,
                ConsentHistory::stricter);
        return new ConsentHistory(next);
    }

    private static Change stricter(Change a, Change b) {
        if (a.granted()) {
            return b;
        }
        if (b.granted()) {
            return a;
        }
        return a.untilUs() >= b.untilUs() ? a : b; // NO_END is the largest: an exemption outlasts any pause
    }

    public boolean admits(long tsUs, boolean grantedByDefault) {
        return verdict(tsUs, grantedByDefault).admitted();
    }

    public Verdict verdict(long tsUs, boolean grantedByDefault) {
        for (Map.Entry<Long, Change> e = changes.floorEntry(tsUs); e != null; e = changes.lowerEntry(e.getKey())) {
            Change c = e.getValue();
            if (c.granted()) {
                return Verdict.ADMITTED;
            }
            if (tsUs < c.untilUs()) {
                return c.untilUs() == NO_END ? Verdict.REVOKED : Verdict.PAUSED;
            }
            // a pause that has ended: the change before it decides
        }
        return grantedByDefault ? Verdict.ADMITTED : Verdict.REVOKED;
    }

    /** Whether any change withheld anything (a revoke or a pause). */
    public boolean everWithheld() {
        for (Change c : changes.values()) {
            if (!c.granted()) {
                return true;
            }
        }
        return false;
    }

    /** Compact text form for Flink broadcast state: {@code ts:1,ts:0,ts:0~until} (the pause end is optional). */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        changes.forEach((ts, c) -> {
            sb.append(sb.length() == 0 ? "" : ",").append(ts).append(':').append(c.granted() ? 1 : 0);
            if (c.untilUs() != NO_END) {
                sb.append('~').append(c.untilUs());
            }
        });
        return sb.toString();
    }

    /** Reads {@link #encode}'s form, including the one written before pauses existed (no {@code ~until}). */
    public static ConsentHistory decode(String s) {
        TreeMap<Long, Change> changes = new TreeMap<>();
        if (s != null && !s.isEmpty()) {
            for (String part : s.split(",")) {
                int colon = part.indexOf(':');
                int tilde = part.indexOf('~', colon);
                boolean granted = part.charAt(colon + 1) == '1';
                long until = tilde < 0 ? NO_END : Long.parseLong(part.substring(tilde + 1));
                changes.put(Long.parseLong(part.substring(0, colon)),
                        granted ? Change.GRANTED : until == NO_END ? Change.REVOKED : new Change(false, until));
            }
        }
        return new ConsentHistory(changes);
    }
}
