package dev.episodes.consent;

import java.util.Map;
import java.util.TreeMap;

/**
 * One person's consent changes in event time. An event at {@code ts} is admitted when the latest change
 * at or before it granted consent; before any change, the configured default applies. Immutable.
 */
public record ConsentHistory(TreeMap<Long, Boolean> changes) {

    public static ConsentHistory empty() {
        return new ConsentHistory(new TreeMap<>());
    }

    public ConsentHistory with(long tsUs, boolean granted) {
        TreeMap<Long, Boolean> next = new TreeMap<>(changes);
        next.put(tsUs, granted);
        return new ConsentHistory(next);
    }

    public boolean admits(long tsUs, boolean grantedByDefault) {
        Map.Entry<Long, Boolean> e = changes.floorEntry(tsUs);
        return e == null ? grantedByDefault : e.getValue();
    }

    /** Compact text form for Flink broadcast state: {@code ts:1,ts:0}. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        changes.forEach((ts, g) -> sb.append(sb.length() == 0 ? "" : ",").append(ts).append(':').append(g ? 1 : 0));
        return sb.toString();
    }

    public static ConsentHistory decode(String s) {
        TreeMap<Long, Boolean> changes = new TreeMap<>();
        if (s != null && !s.isEmpty()) {
            for (String part : s.split(",")) {
                int colon = part.indexOf(':');
                changes.put(Long.parseLong(part.substring(0, colon)), part.charAt(colon + 1) == '1');
            }
        }
        return new ConsentHistory(changes);
    }
}
