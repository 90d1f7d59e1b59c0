package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.duck;
import static dev.episodes.identity.RedTeamCorpus.episodes;
import static dev.episodes.identity.RedTeamCorpus.one;
import static dev.episodes.identity.RedTeamCorpus.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.storage.Store;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Compaction;
import dev.episodes.writing.Erasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17): a run at parallelism 2 leaves more than one file per partition; compaction merges
 * them into files holding both people; erasure under the root's scope must then still
 * find every episode of one person, and only theirs, and the compacted files must hold no stable value.
 * Read as an analyst reads a root: every Parquet file under {@code dt=*} (DuckDB glob), not the manifest.
 * Compaction keeps its sources for the default retired grace (24 h, as {@code ./episodes compact} does);
 * those sources hold the person, and an erasure with no grace must not leave them.
 */
class CompactedScopedErasureITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = IdentityScope.class, names = {"EPISODE", "DAY"})
    void erasureAfterCompactionFindsOnePersonAndNobodyElse(IdentityScope scope) throws Exception {
        run(scope, true);
    }

    /** The control: the same two runs, erased without a compaction first. */
    @ParameterizedTest
    @EnumSource(value = IdentityScope.class, names = {"EPISODE", "DAY"})
    void erasureWithoutCompactionFindsOnePersonAndNobodyElse(IdentityScope scope) throws Exception {
        run(scope, false);
    }

    private void run(IdentityScope scope, boolean compact) throws Exception {
        List<RawEvent> all = RedTeamCorpus.events();
        Path root = dir.resolve("root");
        TimeScope time = scope == IdentityScope.EPISODE ? TimeScope.parse("relative", false) : TimeScope.ABSOLUTE;
        RedTeamCorpus.build(RedTeamCorpus.write(dir, RedTeamCorpus.lines(all)), root, scope, time);
        Store store = Store.local(root);
        List<String> partitions;
        try (Stream<Path> s = Files.list(root)) {
            partitions = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dt=")).sorted().toList();
        }
        StringBuilder compacted = new StringBuilder();
        for (String p : compact ? partitions : List.<String>of()) {
            compacted.append(Compaction.compact(store, p, Compaction.Settings.of(OutputLayout.DEFAULT, dev.episodes.writing.DatasetLayout.RETIRED_GRACE)));
        }
        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        try (Connection c = duck()) {
            assertEquals(0L, one(c, "SELECT count(*) FROM " + steps(root) + " WHERE \"user\" IN ('"
                    + key.user("u-3001") + "', '" + key.user("u-3002") + "')"), "compaction wrote stable pseudonyms");
        }
        String seen;
        try (Connection c = duck(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(DISTINCT dt || ' ' || \"user\", ', ') FROM " + episodes(root))) {
            rs.next();
            seen = rs.getString(1) + " | expected for u-3001 on 2025-11-23: "
                    + new ScopedIdentity(scope, key, null).user(key.user("u-3001"), null, LocalDate.of(2025, 11, 23));
        }
        Erasure.Result r = Erasure.eraseScoped(store, key.user("u-3001"), key, Duration.ZERO);
        assertEquals(6L, r.episodesRemoved(), scope + ": " + r + "; info.json: " + dev.episodes.writing.Json.MAPPER.readTree(Files.readString(root.resolve("_meta/info.json"))).path("config") + "; partitions " + partitions + "; rows: " + seen + "; compaction: " + compacted);
        ScopedIdentity identity = new ScopedIdentity(scope, key, null);
        try (Connection c = duck(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT episode_id, \"user\", dt FROM " + episodes(root))) {
            // Every row under dt=* is u-3002's; the compaction's sources that hold only u-3002 stay for their
            // grace (readers of an older manifest), so an episode may be seen twice: count distinct ids.
            java.util.Set<String> leftIds = new java.util.HashSet<>();
            while (rs.next()) {
                leftIds.add(rs.getString(1));
                String mine = identity.user(key.user("u-3002"), rs.getString(1), LocalDate.parse(rs.getString(3)));
                assertEquals(mine, rs.getString(2), scope + ": an episode left that is not u-3002's");
            }
            assertEquals(6, leftIds.size(), scope.toString());
            assertTrue(one(c, "SELECT count(*) FROM " + steps(root)) > 0);
            assertEquals(0L, one(c, "SELECT count(*) FROM " + steps(root) + " s ANTI JOIN " + episodes(root)
                    + " e USING (episode_id)"), scope + ": steps of erased episodes left");
        }
    }
}
