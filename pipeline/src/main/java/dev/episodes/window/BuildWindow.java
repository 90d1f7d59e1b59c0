package dev.episodes.window;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which episodes a bounded build keeps, and which input it reads to make them exactly as the streaming
 * job would: episodes that <em>start</em> in [from, to), built from the events in [from - lookback,
 * to + lookahead). The lookahead completes episodes that cross the end (max episode length); the
 * lookback finds where episodes that are running at {@code from} began, so none is cut differently or
 * appears in two builds. Consent events are read from the beginning: a revoke before the window applies.
 */
public record BuildWindow(long fromUs, long toUs, long lookbackUs, long lookaheadUs) implements Serializable {
    /** No window: streaming and whole-archive replays keep everything. */
    public static final BuildWindow ALL = new BuildWindow(Long.MIN_VALUE, Long.MAX_VALUE, 0, 0);

    public BuildWindow {
        if (fromUs >= toUs) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        if (lookbackUs < 0 || lookaheadUs < 0) {
            throw new IllegalArgumentException("lookback and lookahead must not be negative");
        }
    }

    public static BuildWindow of(Instant from, Instant to, Duration lookback, Duration lookahead) {
        return new BuildWindow(us(from), us(to), lookback.toNanos() / 1000, lookahead.toNanos() / 1000);
    }

    /** The UTC day {@code date}: the nightly build's window. */
    public static BuildWindow day(LocalDate date, Duration lookback, Duration lookahead) {
        return of(date.atStartOfDay(ZoneOffset.UTC).toInstant(), date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                lookback, lookahead);
    }

    public boolean bounded() {
        return !equals(ALL);
    }

    public long readFromUs() {
        return fromUs == Long.MIN_VALUE ? Long.MIN_VALUE : fromUs - lookbackUs;
    }

    public long readToUs() {
        return toUs == Long.MAX_VALUE ? Long.MAX_VALUE : toUs + lookaheadUs;
    }

    /** Whether the build needs this event (consent: every one before the end). */
    public boolean reads(RawEvent e) {
        if (e instanceof ConsentEvent) {
            return e.tsUs() < readToUs();
        }
        return e.tsUs() >= readFromUs() && e.tsUs() < readToUs();
    }

    /** Whether an episode starting at this time belongs to the build. */
    public boolean keeps(long episodeStartUs) {
        return episodeStartUs >= fromUs && episodeStartUs < toUs;
    }

    /** The partitions (UTC days) wholly inside the window: a build of it replaces them, even if empty. */
    public java.util.List<String> coveredPartitions() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!bounded()) {
            return out;
        }
        LocalDate first = Instant.ofEpochSecond(0, fromUs * 1000).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = first; ; d = d.plusDays(1)) {
            long start = us(d.atStartOfDay(ZoneOffset.UTC).toInstant());
            long end = us(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (start >= toUs) {
                return out;
            }
            if (start >= fromUs && end <= toUs) {
                out.add("dt=" + d);
            }
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (bounded()) {
            m.put("from", Instant.ofEpochSecond(0, fromUs * 1000).toString());
            m.put("to", Instant.ofEpochSecond(0, toUs * 1000).toString());
            m.put("lookback", Duration.ofNanos(lookbackUs * 1000).toString());
            m.put("lookahead", Duration.ofNanos(lookaheadUs * 1000).toString());
        }
        return m;
    }

    private static long us(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
