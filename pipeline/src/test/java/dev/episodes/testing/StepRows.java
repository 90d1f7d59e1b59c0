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
        for (Path f : named(root, "steps")) {
            rows.addAll(ShardReader.read(f));
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
        {
            for (Path f : named(root, "frames")) {
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

    /**
     * The files of {@code table} the partitions' current manifests name, as a reader loads them: a running
     * streaming job writes files under their final names before a commit names them.
     */
    static List<Path> named(Path root, String table) throws Exception {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> parts = Files.list(root)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).sorted().toList()) {
                Path m = p.resolve("_manifest.json");
                if (!Files.exists(m)) {
                    continue;
                }
                for (com.fasterxml.jackson.databind.JsonNode f : dev.episodes.writing.Json.MAPPER.readTree(m.toFile())
                        .get("files")) {
                    if (f.get("table").asText().equals(table)) {
                        out.add(p.resolve(f.get("path").asText()));
                    }
                }
            }
        }
        return out;
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
