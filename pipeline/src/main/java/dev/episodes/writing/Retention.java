package dev.episodes.writing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: removes whole partitions older than a cut-off date, with their audit trail, and records
 * each removal in {@code _audit/expirations.jsonl}. A partition is first renamed out of the dataset
 * (atomic), then deleted, so readers never see half of one.
 */
public final class Retention {
    /** Where each expiration is recorded, one file each (object stores have no appends). */
    public static final String RECORDS = DatasetLayout.AUDIT + "/expirations";

    private Retention() {}

    /** Removes partitions whose date is before {@code keepFrom}; returns their names. */
    public static List<String> expire(Path root, LocalDate keepFrom) throws IOException {
        List<String> removed = new ArrayList<>();
        List<Path> partitions;
        try (var list = Files.list(root)) {
            partitions = list.filter(p -> p.getFileName().toString().startsWith("dt=")).sorted().toList();
        }
        for (Path p : partitions) {
            LocalDate date;
            try {
                date = LocalDate.parse(p.getFileName().toString().substring(3));
            } catch (RuntimeException notADate) {
                continue; // not ours
            }
            if (!date.isBefore(keepFrom)) {
                continue;
            }
            long bytes;
            long files;
            try (var walk = Files.walk(p)) {
                List<Path> all = walk.filter(Files::isRegularFile).toList();
                files = all.size();
                bytes = 0;
                for (Path f : all) {
                    bytes += Files.size(f);
                }
            }
            Path trash = root.resolve(DatasetLayout.STAGING).resolve("expire").resolve(p.getFileName());
            Files.createDirectories(trash.getParent());
            DatasetCommitter.deleteRecursively(trash);
            Files.move(p, trash, StandardCopyOption.ATOMIC_MOVE);
            DatasetCommitter.deleteRecursively(trash);
            DatasetCommitter.deleteRecursively(root.resolve(DatasetLayout.AUDIT).resolve(p.getFileName()));
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("partition", p.getFileName().toString());
            o.put("time", Instant.now().toString());
            o.put("files", files);
            o.put("bytes", bytes);
            Path log = root.resolve(DatasetLayout.AUDIT).resolve("expirations.jsonl");
            Files.createDirectories(log.getParent());
            Files.writeString(log, o + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            removed.add(p.getFileName().toString());
        }
        return removed;
    }
}
