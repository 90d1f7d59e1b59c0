package dev.episodes.inspect;

import dev.episodes.storage.Store;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Erasure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** How many erasures and expirations {@code _audit/} records (counts only: its lines name pseudonyms). */
public record AuditCounts(long erasures, long expirations) {

    static AuditCounts read(Store store) throws IOException {
        // file names as Erasure and Retention write them: one file per record now, one appended file before
        long erasures = lines(store, DatasetLayout.AUDIT + "/erasures.jsonl")
                + records(store, Erasure.OLD_RECORDS) + records(store, Erasure.RECORDS);
        long expirations = lines(store, DatasetLayout.AUDIT + "/expirations.jsonl")
                + records(store, dev.episodes.writing.Retention.RECORDS);
        return new AuditCounts(erasures, expirations);
    }

    private static long records(Store store, String folder) throws IOException {
        return store.list(folder).stream().filter(e -> !e.directory() && e.name().endsWith(".json")
                && !e.name().startsWith(".")).count();
    }

    private static long lines(Store store, String key) throws IOException {
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return 0;
        }
        return new String(bytes.get(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
    }
}
