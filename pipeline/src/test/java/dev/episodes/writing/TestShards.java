package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Shards the way a streaming commit makes them: written locally with ShardWriter, uploaded under their
 * final names, then appended to a partition through the PartitionLog (a no-op when already named or retired).
 */
public final class TestShards {
    /** A committed file's people, from the private index (what manifests held before issue 17). */
    static List<String> people(Store store, String partition, Manifest.FileEntry f) {
        try {
            return PeopleIndex.users(store, partition, f).orElseThrow(() -> new AssertionError("no people index for " + f.path()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static final String DAY = "dt=2026-11-27";

    /** A shard in the store: its manifest entries, counts and audit file (null when it has none). */
    public record Shard(List<Manifest.FileEntry> files, Map<String, Long> byAction, Map<String, Long> byKind, String audit) {
        public String steps() {
            return files.get(0).path();
        }
    }

    private TestShards() {}

    /** Episodes of a generated corpus (4 people, 90 minutes) in {@code n} slices of consecutive episodes. */
    public static List<List<Episode>> slices(int n) throws IOException {
        List<Episode> all = dev.episodes.testing.SampleEpisodes.of(new dev.episodes.generate.GeneratorSettings(4,
                java.time.Duration.ofMinutes(90), 11, dev.episodes.generate.GeneratorSettings.DEFAULT_START, 0, 0,
                java.time.Duration.ZERO));
        if (all.size() < n * 2) {
            throw new IllegalStateException("too few episodes for " + n + " slices: " + all.size());
        }
        List<List<Episode>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.subList(all.size() * i / n, all.size() * (i + 1) / n));
        }
        return out;
    }

    /** {@code n} shards of consecutive episodes appended to {@link #DAY} one commit each. */
    public static List<Shard> appendSlices(Store store, Path work, int n) throws IOException {
        List<List<Episode>> slices = slices(n);
        PartitionLog log = new PartitionLog(store, DAY, java.time.Duration.ofHours(1));
        List<Shard> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Shard s = write(store, work, "part-s0-" + i + ".parquet", slices.get(i));
            log.commit(append(s));
            out.add(s);
        }
        return out;
    }

    public static Shard write(Store store, Path work, String name, List<Episode> episodes) throws IOException {
        Path dir = Files.createTempDirectory(work, "shard");
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(dir.resolve("p"), dir.resolve("a"), name, episodes);
        List<Manifest.FileEntry> files = new ArrayList<>();
        for (String[] f : new String[][] {{s.file(), DatasetLayout.STEPS}, {s.episodesFile(), DatasetLayout.EPISODES}}) {
            Path local = dir.resolve("p").resolve(f[0]);
            store.upload(local, DAY + "/" + f[0]);
            long rows = f[1].equals(DatasetLayout.STEPS) ? s.rows() : s.episodes();
            files.add(new Manifest.FileEntry(f[0], f[1], Files.size(local), rows, s.episodes(),
                    DatasetCommitter.sha256(local), s.users(),
                    f[1].equals(DatasetLayout.STEPS) ? s.framesFailed() : Map.of()));
        }
        if (s.framesFile() != null) {
            Path local = dir.resolve("p").resolve(s.framesFile());
            store.upload(local, DAY + "/" + s.framesFile());
            files.add(new Manifest.FileEntry(s.framesFile(), DatasetLayout.FRAMES, Files.size(local), s.frames(),
                    s.framesEpisodes(), DatasetCommitter.sha256(local), s.framesUsers()));
        }
        Path audit = dir.resolve("a").resolve("redactions-" + name.replace(".parquet", ".jsonl"));
        String auditKey = null;
        if (Files.exists(audit)) {
            auditKey = DatasetLayout.AUDIT + "/" + DAY + "/" + audit.getFileName();
            store.upload(audit, auditKey);
        }
        DatasetCommitter.deleteRecursively(dir);
        return new Shard(files, s.stepsByAction(), s.redactionsByKind(), auditKey);
    }

    public static PartitionLog.Change append(Shard s) {
        return cur -> {
            Manifest m = cur.manifest();
            if (cur.files().contains(s.steps()) || (m != null && m.retired().stream()
                    .anyMatch(r -> r.path().equals(DAY + "/" + s.steps())))) {
                return Optional.empty();
            }
            List<Manifest.FileEntry> files = new ArrayList<>(m == null ? List.of() : m.files());
            files.addAll(s.files());
            Map<String, Long> byAction = new TreeMap<>(m == null ? Map.of() : m.stepsByAction());
            s.byAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            Map<String, Long> byKind = new TreeMap<>(m == null ? Map.of() : m.redactionsByKind());
            s.byKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
            List<String> audit = new ArrayList<>(m == null ? List.of() : m.audit());
            if (s.audit() != null) {
                audit.add(s.audit());
            }
            return Optional.of(Manifest.of(DAY, "stream", Map.of(), "k-test", files, byAction, byKind, null, null,
                    audit));
        };
    }

    /** The files of a table the current manifest names, as local paths. */
    public static List<Path> current(Path root, String table) throws IOException {
        Manifest m = new PartitionLog(Store.local(root), DAY, java.time.Duration.ofHours(1)).current().manifest();
        return m.files().stream().filter(f -> f.table().equals(table)).map(f -> root.resolve(DAY).resolve(f.path()))
                .toList();
    }

    /** Rows DuckDB reads from these files, one string a row, in a fixed order ({@code columns} of the select). */
    public static List<String> rows(List<Path> files, String columns, String orderBy) throws Exception {
        if (files.isEmpty()) {
            return List.of();
        }
        String list = files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + columns + " FROM read_parquet(" + list + ") ORDER BY "
                        + orderBy)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
