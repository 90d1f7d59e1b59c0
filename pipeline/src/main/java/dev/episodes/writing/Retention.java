package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Retention through the commit protocol: a partition older than the cut-off date gets an empty manifest
 * (readers see no rows from that commit on; its data and audit files are retired), then a later run past
 * the grace period deletes the retired files and, once nothing is left, the partition's folder and audit
 * folder. Each expiration is recorded as its own file under {@code _audit/expirations/} (object stores
 * cannot append); the old {@code _audit/expirations.jsonl} is still read.
 */
public final class Retention {
    /** Where each expiration is recorded, one file each (object stores have no appends). */
    public static final String RECORDS = DatasetLayout.AUDIT + "/expirations";

    private Retention() {}

    /** Removes partitions of a local folder whose date is before {@code keepFrom} at once (no grace). */
    public static List<String> expire(Path root, LocalDate keepFrom) throws IOException {
        return expire(Store.local(root), keepFrom, Duration.ZERO);
    }

    /**
     * Expires partitions whose date is before {@code keepFrom}: returns those emptied or removed by this
     * call. Their files are deleted {@code grace} after the empty manifest (by this call when zero, else by
     * a later one).
     */
    public static List<String> expire(Store store, LocalDate keepFrom, Duration grace) throws IOException {
        List<String> expired = new ArrayList<>();
        for (StoreEntry p : store.list("")) {
            if (!p.directory() || !p.name().startsWith("dt=")) {
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(p.name().substring(3));
            } catch (RuntimeException notADate) {
                continue; // not ours
            }
            if (date.isBefore(keepFrom) && expire(store, p.name(), grace)) {
                expired.add(p.name());
            }
        }
        return expired;
    }

    /** One partition: empty it, delete what is past the grace, remove it once nothing is left. */
    private static boolean expire(Store store, String partition, Duration grace) throws IOException {
        PartitionLog log = new PartitionLog(store, partition, grace);
        PartitionLog.Snapshot cur;
        try {
            cur = log.current();
        } catch (IOException unreadable) {
            cur = null;
        }
        Manifest m = cur == null ? null : cur.manifest();
        if (m == null || m.files() == null) {
            // No manifest the protocol can extend (never published, or from before it): nothing reads it.
            long[] size = size(store, partition);
            removeFolders(store, partition);
            record(store, partition, size[0], size[1]);
            return true;
        }
        boolean emptied = false;
        if (!m.files().isEmpty() || !m.audit().isEmpty()) {
            long files = m.files().size();
            long bytes = m.totals() == null ? 0 : m.totals().bytes();
            store.delete(partition + "/" + DatasetLayout.SUCCESS);
            log.commit(c -> Optional.of(Manifest.of(partition, "expired", Map.of(), c.manifest() == null ? null
                    : c.manifest().pseudonymKeyId(), List.of(), Map.of(), Map.of(), null, null, List.of())));
            record(store, partition, files, bytes);
            emptied = true;
        }
        // Any commit deletes retired files past their grace: this one only does that.
        log.commit(c -> Optional.ofNullable(c.manifest()));
        // The emptied partition stays as its log: deleting the folder would free the version names (the
        // commit point) and take along a shard the streaming job uploaded but has not committed yet.
        return emptied;
    }

    private static void removeFolders(Store store, String partition) throws IOException {
        store.deleteTree(partition);
        store.deleteTree(DatasetLayout.AUDIT + "/" + partition);
        store.deleteTree(PeopleIndex.DIR + "/" + partition);
    }

    /** {files, bytes} under a key. */
    private static long[] size(Store store, String key) throws IOException {
        long[] out = new long[2];
        for (StoreEntry e : store.list(key)) {
            if (e.directory()) {
                long[] sub = size(store, key + "/" + e.name());
                out[0] += sub[0];
                out[1] += sub[1];
            } else {
                out[0]++;
                out[1] += e.size();
            }
        }
        return out;
    }

    private static void record(Store store, String partition, long files, long bytes) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        Instant now = Instant.now();
        o.put("partition", partition);
        o.put("time", now.toString());
        o.put("files", files);
        o.put("bytes", bytes);
        String name = now.toString().replace(":", "") + "-" + UUID.randomUUID() + ".json";
        try (OutputStream out = store.create(RECORDS + "/" + name)) {
            out.write((o.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every expiration record: the old appended file's lines, then one per file of {@link #RECORDS}. */
    public static List<JsonNode> records(Store store) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Optional<byte[]> old = store.read(DatasetLayout.AUDIT + "/expirations.jsonl");
        if (old.isPresent()) {
            for (String line : new String(old.get(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        }
        for (StoreEntry e : store.list(RECORDS)) {
            if (!e.directory() && e.name().endsWith(".json") && !e.name().startsWith(".")) {
                out.add(Json.MAPPER.readTree(store.read(RECORDS + "/" + e.name()).orElseThrow()));
            }
        }
        return out;
    }
}
