package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An erasure's own record under {@code _private/erasures/}: written {@code started} before anything
 * changes, {@code done} at the end; the rerun of a run that died finds its record, removes what it
 * uploaded and never committed (by its file prefix), and completes it.
 */
final class ErasureRecords {
    private ErasureRecords() {}

    /** Writes (replaces) an erasure's record: {@code r} null while it runs ({@code "status": "started"}). */
    static void write(Store store, String key, String pseudonym, String token, Instant started, Erasure.Result r)
            throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("pseudonym", pseudonym);
        o.put("token", token); // the prefix of the files it writes: a rerun removes those a dead run left unnamed
        o.put("time", started.toString());
        o.put("status", r == null ? "started" : "done");
        if (r != null) {
            o.put("files_touched", r.filesTouched());
            o.put("steps_removed", r.stepsRemoved());
            o.put("episodes_removed", r.episodesRemoved());
            o.put("dead_letters_removed", r.deadLettersRemoved());
        }
        Optional<Path> local = store.localRoot();
        if (local.isPresent()) { // owner-only, as everything under _private/ on a local disk
            PrivateFiles.createDirectories(local.get().resolve(DatasetLayout.PRIVATE), local.get().resolve(Erasure.RECORDS));
        }
        store.replace(key, (o.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        if (local.isPresent()) {
            PrivateFiles.restrictFile(local.get().resolve(key));
        }
    }

    /**
     * Removes what the dead run of record {@code key} uploaded and never committed: data and audit files
     * under its name prefix that no manifest names or retired. (Its committed ones are named: kept.)
     */
    static void removeUncommitted(Store store, String key) throws IOException {
        String token = Json.MAPPER.readTree(store.read(key).orElse(new byte[0])).path("token").asText("");
        if (!token.startsWith(Erasure.PREFIX)) {
            return;
        }
        List<String> partitions = new ArrayList<>();
        for (StoreEntry p : store.list("")) {
            if (p.directory() && p.name().startsWith("dt=")) {
                partitions.add(p.name());
            }
        }
        Orphans.remove(store, partitions, token, Duration.ZERO, System.currentTimeMillis(), DatasetLayout.RETIRED_GRACE);
    }

    /** Records of this person's erasures that never completed (a run killed mid-way), but {@code mine}. */
    static List<String> unfinished(Store store, String pseudonym, String mine) throws IOException {
        List<String> out = new ArrayList<>();
        for (StoreEntry e : store.list(Erasure.RECORDS)) {
            String key = Erasure.RECORDS + "/" + e.name();
            if (e.directory() || !e.name().endsWith(".json") || key.equals(mine)) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(store.read(key).orElse(new byte[0]));
            if (n != null && pseudonym.equals(n.path("pseudonym").asText()) && "started".equals(n.path("status").asText())) {
                out.add(key);
            }
        }
        return out;
    }
}
