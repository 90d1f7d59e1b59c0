package dev.episodes.writing;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.io.InputFile;

/**
 * The steps whose screenshot failed, per episode, as a steps file records them in its footer: the
 * key-value metadata {@value #KEY} = {@code {"<episode_id>": {"<reason>": steps}}} (episodes without a
 * failure left out, the key absent when none failed). A file's {@code frames_failed} in the manifest is
 * their sum; whoever rewrites a steps file without some episodes (an erasure, a rebuild, a compaction
 * merging files) carries the others' figures over, so the counts stay exact.
 */
public final class FrameFailures {
    public static final String KEY = "frames_failed";
    private static final TypeReference<TreeMap<String, TreeMap<String, Long>>> TYPE = new TypeReference<>() {};

    private FrameFailures() {}

    /** The footer value for these episodes' failures (null: none, no key). */
    static String json(Map<String, ? extends Map<String, Long>> byEpisode) throws IOException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byEpisode.forEach((id, reasons) -> {
            if (!reasons.isEmpty()) {
                out.put(id, new TreeMap<>(reasons));
            }
        });
        return out.isEmpty() ? null : Json.MAPPER.writeValueAsString(out);
    }

    /** The failures a steps file records, by episode (empty for files of 1.0 or without failures). */
    public static Map<String, Map<String, Long>> read(InputFile stepsFile) throws IOException {
        String v = ShardReader.footer(stepsFile).getFileMetaData().getKeyValueMetaData().get(KEY);
        return v == null ? new TreeMap<>() : new TreeMap<>(Json.MAPPER.readValue(v, TYPE));
    }

    /** Those of the episodes not in {@code drop}. */
    static Map<String, Map<String, Long>> without(Map<String, Map<String, Long>> byEpisode, Set<String> drop) {
        Map<String, Map<String, Long>> out = new TreeMap<>(byEpisode);
        out.keySet().removeAll(drop);
        return out;
    }

    /** Summed over episodes: a file's {@code frames_failed}. */
    static Map<String, Long> total(Map<String, ? extends Map<String, Long>> byEpisode) {
        Map<String, Long> out = new TreeMap<>();
        byEpisode.values().forEach(r -> r.forEach((k, v) -> out.merge(k, v, Long::sum)));
        return out;
    }

    /** Records them in the footer of the file {@code out} writes (when it closes). */
    static void record(ParquetOutput out, Map<String, ? extends Map<String, Long>> byEpisode) throws IOException {
        String v = json(byEpisode);
        if (v != null) {
            out.putMetadata(KEY, v);
        }
    }
}
