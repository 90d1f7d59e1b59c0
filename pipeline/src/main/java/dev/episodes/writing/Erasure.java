package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Removes every step and episode of one person (by pseudonym) from a dataset: finds the files through
 * the manifests' per-file pseudonyms, rewrites only those (each through a temp file and an atomic
 * rename), removes the person's audit lines, updates manifests atomically and appends an erasure record
 * (pseudonym, time, files, rows; never the raw id) to {@code _audit/erasures.jsonl}. Safe to rerun. An
 * erasure that matches nothing (a wrong id or key, or one already erased) writes nothing, no audit line
 * either: the audit log records erasures, not attempts.
 */
public final class Erasure {
    /** What an erasure did. */
    public record Result(int filesTouched, long stepsRemoved, long episodesRemoved, long deadLettersRemoved) {
        /**
         * Whether any file listed the person or any dead letter named them: an erasure that matches nothing
         * changes and records nothing.
         */
        public boolean matched() {
            return filesTouched > 0 || deadLettersRemoved > 0;
        }
    }

    /** Where each erasure is recorded, one file each (object stores have no appends). */
    public static final String RECORDS = DatasetLayout.AUDIT + "/erasures";

    private Erasure() {}

    public static Result erase(Path root, String pseudonym) throws IOException {
        return erase(root, pseudonym, null);
    }

    /**
     * As {@link #erase(Path, String)}, limited to partitions built with the key {@code keyId} (null: all).
     * After a key rotation the same person has another pseudonym; run once per key.
     */
    public static Result erase(Path root, String pseudonym, String keyId) throws IOException {
        int files = 0;
        long steps = 0;
        long episodes = 0;
        List<Path> partitions;
        try (var list = Files.list(root)) {
            partitions = list.filter(p -> p.getFileName().toString().startsWith("dt=")
                    && Files.exists(p.resolve(DatasetLayout.MANIFEST))).sorted().toList();
        }
        for (Path partition : partitions) {
            Manifest m = Json.MAPPER.readValue(partition.resolve(DatasetLayout.MANIFEST).toFile(), Manifest.class);
            if (keyId != null && m.pseudonymKeyId() != null && !keyId.equals(m.pseudonymKeyId())) {
                continue; // built with another key: this pseudonym cannot be there
            }
            List<Manifest.FileEntry> entries = new ArrayList<>();
            Set<String> erasedEpisodes = new HashSet<>();
            Map<String, Long> byAction = new TreeMap<>(m.stepsByAction());
            boolean changed = false;
            for (Manifest.FileEntry e : m.files()) {
                if (e.users() == null || !e.users().contains(pseudonym)) {
                    entries.add(e);
                    continue;
                }
                changed = true;
                files++;
                Path file = partition.resolve(e.path());
                List<GenericRecord> kept = new ArrayList<>();
                long removed = 0;
                for (GenericRecord r : ShardReader.read(file)) {
                    if (pseudonym.equals(String.valueOf(r.get("user")))) {
                        removed++;
                        erasedEpisodes.add(String.valueOf(r.get("episode_id")));
                        if (e.table().equals(DatasetLayout.STEPS)) {
                            byAction.merge(String.valueOf(r.get("action")), -1L, Long::sum);
                        }
                    } else {
                        kept.add(r);
                    }
                }
                if (e.table().equals(DatasetLayout.STEPS)) {
                    steps += removed;
                } else {
                    episodes += removed;
                }
                List<String> users = e.users().stream().filter(u -> !u.equals(pseudonym)).toList();
                if (kept.isEmpty()) {
                    Files.delete(file);
                    continue;
                }
                rewrite(root, file, kept);
                long episodeCount = e.table().equals(DatasetLayout.STEPS)
                        ? kept.stream().map(r -> String.valueOf(r.get("episode_id"))).distinct().count() : kept.size();
                entries.add(new Manifest.FileEntry(e.path(), e.table(), Files.size(file), kept.size(), episodeCount,
                        DatasetCommitter.sha256(file), users));
            }
            if (!changed) {
                continue;
            }
            Map<String, Long> byKind = removeAuditLines(root, partition.getFileName().toString(), erasedEpisodes,
                    m.redactionsByKind());
            byAction.values().removeIf(v -> v <= 0);
            long bytes = entries.stream().mapToLong(Manifest.FileEntry::sizeBytes).sum();
            long rows = entries.stream().filter(x -> x.table().equals(DatasetLayout.STEPS))
                    .mapToLong(Manifest.FileEntry::rowCount).sum();
            long eps = entries.stream().filter(x -> x.table().equals(DatasetLayout.STEPS))
                    .mapToLong(Manifest.FileEntry::episodeCount).sum();
            long redactions = byKind.values().stream().mapToLong(Long::longValue).sum();
            Json.writeAtomically(partition.resolve(DatasetLayout.MANIFEST), new Manifest(m.schemaVersion(), m.partition(),
                    m.runId(), m.input(), m.pseudonymKeyId(), entries,
                    new Manifest.Totals(entries.size(), bytes, rows, eps, redactions), byAction, byKind,
                    m.stats() == null ? null : PartitionStats.of(entries.stream()
                            .filter(x -> x.table().equals(DatasetLayout.EPISODES))
                            .map(x -> partition.resolve(x.path())).toList()), m.scope()));
        }
        Result result = new Result(files, steps, episodes, removeDeadLetters(root, pseudonym));
        if (result.matched()) {
            record(root, pseudonym, result);
        }
        return result;
    }

    private static void rewrite(Path root, Path file, List<GenericRecord> rows) throws IOException {
        Path tmp = root.resolve(DatasetLayout.STAGING).resolve("erase").resolve(file.getFileName() + ".tmp");
        Files.createDirectories(tmp.getParent());
        try (ParquetWriter<GenericRecord> w = ParquetFiles.open(tmp, rows.get(0).getSchema())) {
            for (GenericRecord r : rows) {
                w.write(r);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Drops the person's dead letters from {@code _private/rejected/}: each names its person by pseudonym
     * ({@code user}), whichever key built it, so the pseudonym alone finds them.
     */
    private static long removeDeadLetters(Path root, String pseudonym) throws IOException {
        Path dir = root.resolve(DatasetLayout.REJECTED);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long removed = 0;
        try (var list = Files.list(dir)) {
            for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> kept = new ArrayList<>();
                long dropped = 0;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode user = line.isBlank() ? null : Json.MAPPER.readTree(line).get("user");
                    if (user != null && pseudonym.equals(user.asText())) {
                        dropped++;
                    } else {
                        kept.add(line);
                    }
                }
                if (dropped > 0) {
                    Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
                    Files.write(tmp, kept, StandardCharsets.UTF_8);
                    PrivateFiles.restrictFile(tmp);
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removed += dropped;
                }
            }
        }
        return removed;
    }

    /** Drops the audit lines of erased episodes and returns the partition's redaction counts without them. */
    private static Map<String, Long> removeAuditLines(Path root, String partition, Set<String> episodes,
            Map<String, Long> counts) throws IOException {
        Map<String, Long> byKind = new TreeMap<>(counts);
        Path dir = root.resolve(DatasetLayout.AUDIT).resolve(partition);
        if (!Files.isDirectory(dir)) {
            return byKind;
        }
        try (var list = Files.list(dir)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                List<String> kept = new ArrayList<>();
                boolean dropped = false;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    if (episodes.contains(n.get("episode_id").asText())) {
                        byKind.merge(n.get("kind").asText(), -1L, Long::sum);
                        dropped = true;
                    } else {
                        kept.add(line);
                    }
                }
                if (dropped) {
                    Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
                    Files.write(tmp, kept, StandardCharsets.UTF_8);
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        byKind.values().removeIf(v -> v <= 0);
        return byKind;
    }

    private static void record(Path root, String pseudonym, Result r) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("pseudonym", pseudonym);
        o.put("time", Instant.now().toString());
        o.put("files_touched", r.filesTouched());
        o.put("steps_removed", r.stepsRemoved());
        o.put("episodes_removed", r.episodesRemoved());
        o.put("dead_letters_removed", r.deadLettersRemoved());
        Path log = root.resolve(DatasetLayout.AUDIT).resolve("erasures.jsonl");
        Files.createDirectories(log.getParent());
        Files.writeString(log, o + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
