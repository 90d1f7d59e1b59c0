package dev.episodes.testing;

import dev.episodes.writing.ShardReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;

/** A dataset's committed step rows as text, for comparing runs whose files are named differently. */
public final class StepRows {
    private StepRows() {}

    /** All step rows under {@code dt=} partitions, in (episode_id, step_index) order. */
    public static List<String> of(Path root) throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> root.relativize(p).toString().startsWith("dt=")
                    && p.toString().contains("/steps/") && p.toString().endsWith(".parquet")).toList()) {
                rows.addAll(ShardReader.read(f));
            }
        }
        rows.sort(Comparator.comparing((GenericRecord r) -> r.get("episode_id").toString())
                .thenComparingInt(r -> (Integer) r.get("step_index")));
        return rows.stream().map(GenericRecord::toString).toList();
    }

    /**
     * All frames rows under {@code dt=} partitions, in frame_id order, each as its id, episode, size, masks and
     * the SHA-256 of its image bytes.
     */
    public static List<String> frames(Path root) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> root.relativize(p).toString().startsWith("dt=")
                    && p.toString().contains("/frames/") && p.toString().endsWith(".parquet")).toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    java.nio.ByteBuffer b = (java.nio.ByteBuffer) ((GenericRecord) r.get("image")).get("bytes");
                    byte[] bytes = new byte[b.remaining()];
                    b.duplicate().get(bytes);
                    rows.add(r.get("frame_id") + " " + r.get("episode_id") + " " + r.get("width") + "x" + r.get("height")
                            + " " + r.get("masks") + " " + java.util.HexFormat.of().formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    /** The step rows of one partition, in (episode_id, step_index) order. */
    public static List<String> ofPartition(Path partition) throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(partition.resolve("steps"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                rows.addAll(ShardReader.read(f));
            }
        }
        rows.sort(Comparator.comparing((GenericRecord r) -> r.get("episode_id").toString())
                .thenComparingInt(r -> (Integer) r.get("step_index")));
        return rows.stream().map(GenericRecord::toString).toList();
    }
}
