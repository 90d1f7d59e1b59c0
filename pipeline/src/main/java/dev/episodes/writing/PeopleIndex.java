package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which people's values each data file holds: what erasure needs to find a person's files, kept where only
 * operators read ({@code _private/people/<partition>/<table>.<file>.json}, one small file per data file,
 * written once before a manifest first names it) instead of in the manifests the training team reads
 * (issue 17). Data files are immutable, so their index files are too; they go when their data file goes.
 * Manifests written before held the lists inline ({@code users}): those are still read, and moved here by
 * the next commit that carries their files.
 */
public final class PeopleIndex {
    public static final String DIR = DatasetLayout.PRIVATE + "/people";

    private PeopleIndex() {}

    /**
     * The index file of a data file, dataset-relative: {@code dt=D/steps/part-r-0.parquet} has
     * {@code _private/people/dt=D/steps.part-r-0.json} (no table folder, no {@code .parquet} in the name:
     * nothing that walks for data files finds it).
     */
    public static String keyOf(String dataFile) {
        String name = dataFile.endsWith(".parquet") ? dataFile.substring(0, dataFile.length() - ".parquet".length())
                : dataFile;
        int file = name.lastIndexOf('/');
        int table = name.lastIndexOf('/', file - 1);
        return DIR + "/" + name.substring(0, table) + "/" + name.substring(table + 1, file) + "." + name.substring(file + 1)
                + ".json";
    }

    /** Writes the index file of {@code partition}'s file {@code e} (its {@code users}). */
    static void write(Store store, String partition, Manifest.FileEntry e) throws IOException {
        String key = keyOf(partition + "/" + e.path());
        Optional<Path> local = store.localRoot();
        if (local.isPresent()) { // owner-only, as everything under _private/ on a local disk
            Path file = local.get().resolve(key);
            PrivateFiles.createDirectories(local.get().resolve(DatasetLayout.PRIVATE), file.getParent());
        }
        var node = Json.MAPPER.createObjectNode();
        e.users().stream().sorted().distinct().forEach(node.putArray("users")::add);
        store.replace(key, Json.MAPPER.writeValueAsBytes(node)); // a retried or concurrent commit writes the same
        if (local.isPresent()) {
            PrivateFiles.restrictFile(local.get().resolve(key));
        }
    }

    /**
     * The people values of {@code partition}'s file {@code e}: inline in a manifest from before, else its
     * index file; empty when neither exists (a file whose index was lost: read its rows instead).
     */
    public static Optional<List<String>> users(Store store, String partition, Manifest.FileEntry e) throws IOException {
        return e.users() != null ? Optional.of(e.users()) : users(store, partition + "/" + e.path());
    }

    /** The people values of a data file (dataset-relative) from its index file, if it has one. */
    public static Optional<List<String>> users(Store store, String dataFile) throws IOException {
        Optional<byte[]> bytes = store.read(keyOf(dataFile));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        JsonNode users = Json.MAPPER.readTree(bytes.get()).path("users");
        users.forEach(u -> out.add(u.asText()));
        return Optional.of(out);
    }

    /** Deletes a data file (dataset-relative) and its index file. */
    static void deleteWith(Store store, String dataFile) throws IOException {
        store.delete(dataFile);
        if (dataFile.endsWith(".parquet")) {
            store.delete(keyOf(dataFile));
        }
    }

    /** Index files of {@code partition} whose data file the manifest neither names nor retires: lost commits'. */
    static int removeStale(Store store, String partition, Manifest m) throws IOException {
        Set<String> known = new HashSet<>();
        if (m != null) {
            m.files().forEach(f -> known.add(keyOf(partition + "/" + f.path())));
            m.retired().forEach(r -> known.add(keyOf(r.path())));
        }
        int removed = 0;
        String dir = DIR + "/" + partition;
        for (StoreEntry f : store.list(dir)) {
            String key = dir + "/" + f.name();
            if (!f.directory() && f.name().endsWith(".json") && !known.contains(key) && store.delete(key)) {
                removed++;
            }
        }
        return removed;
    }
}
