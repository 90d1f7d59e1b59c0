package dev.episodes.inspect;

import java.util.Map;
import java.util.TreeMap;

/** A frame as a timeline names it: its id, stored size and how many masks of each kind were filled on it. */
public record FrameSummary(String frameId, int width, int height, Map<String, Long> masksByKind) {

    public FrameSummary {
        masksByKind = new TreeMap<>(masksByKind);
    }

    public long masks() {
        return masksByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
