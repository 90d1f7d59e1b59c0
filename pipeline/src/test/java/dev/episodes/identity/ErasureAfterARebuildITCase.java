package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.duck;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.storage.Store;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Erasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17): a replay of a corrected archive into the same root replaces its partitions and
 * keeps the replaced files for the retired grace (24 h) for readers of older manifests. Those files hold
 * every person of the partition. An erasure with no grace must leave no row of the person in any Parquet
 * file under {@code dt=*} (read as an analyst does: DuckDB over the glob).
 */
class ErasureAfterARebuildITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void noRowOfTheErasedPersonIsLeftInAnyFile() throws Exception {
        Path root = dir.resolve("root");
        List<String> lines = new ArrayList<>(RedTeamCorpus.lines(RedTeamCorpus.events()));
        Path first = RedTeamCorpus.write(Files.createDirectories(dir.resolve("a")), lines);
        RedTeamCorpus.build(first, root, IdentityScope.EPISODE, TimeScope.parse("relative", false));
        lines.add("{not json"); // a corrected archive: another run id, the same rows
        Path second = RedTeamCorpus.write(Files.createDirectories(dir.resolve("b")), lines);
        RedTeamCorpus.build(second, root, IdentityScope.EPISODE, TimeScope.parse("relative", false));

        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        Erasure.Result r = Erasure.eraseScoped(Store.local(root), key.user("u-3001"), key, Duration.ZERO);
        assertEquals(6L, r.episodesRemoved(), r.toString());
        ScopedIdentity identity = new ScopedIdentity(IdentityScope.EPISODE, key, null);
        List<String> left = new ArrayList<>();
        try (Connection c = duck(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT episode_id, \"user\", dt, filename FROM read_parquet('" + root
                        + "/dt=*/episodes/*.parquet', hive_partitioning=true, filename=true)")) {
            while (rs.next()) {
                String theirs = identity.user(key.user("u-3001"), rs.getString(1), LocalDate.parse(rs.getString(3)));
                if (theirs.equals(rs.getString(2))) {
                    left.add(root.relativize(Path.of(rs.getString(4))).toString());
                }
            }
        }
        assertEquals(List.of(), left.stream().distinct().toList(), "files still holding the erased person's episodes");
    }
}
