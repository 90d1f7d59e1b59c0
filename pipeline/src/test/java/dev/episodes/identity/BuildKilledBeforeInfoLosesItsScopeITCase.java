package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.duck;
import static dev.episodes.identity.RedTeamCorpus.episodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5): a bounded build commits its partitions first and writes
 * {@code _meta/info.json} (where the root's identity scope is recorded) last
 * ({@code DatasetCommitter.commit}). A first build into an empty root killed between the two leaves
 * episode-scoped rows and no record of their scope: here the end state of such a kill (a real build, then
 * its info.json removed). Erasure reads the scope from info.json only, takes the root for {@code stable},
 * looks for the stable pseudonym, and erases nothing, reporting that it matched nothing; and a run with
 * {@code --identity stable} is no longer refused, so the root would mix what the scope unlinks with what
 * links it.
 */
class BuildKilledBeforeInfoLosesItsScopeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void erasureStillFindsThePersonsEpisodesAndAStableRunIsStillRefused() throws Exception {
        Path root = dir.resolve("root");
        Path input = RedTeamCorpus.write(dir, RedTeamCorpus.lines(RedTeamCorpus.events()));
        RedTeamCorpus.build(input, root, IdentityScope.EPISODE, TimeScope.parse("relative", false));
        Files.delete(root.resolve("_meta/info.json")); // the build died before writing it

        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        Erasure.Result r = Erasure.eraseScoped(Store.local(root), key.user("u-3001"), key, Duration.ZERO);
        ScopedIdentity identity = new ScopedIdentity(IdentityScope.EPISODE, key, null);
        int left = 0;
        try (Connection c = duck(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT episode_id, \"user\", dt FROM " + episodes(root))) {
            while (rs.next()) {
                if (identity.user(key.user("u-3001"), rs.getString(1), LocalDate.parse(rs.getString(3))).equals(rs.getString(2))) {
                    left++;
                }
            }
        }
        assertEquals(0, left, "episodes of the erased person left (erasure said: " + r + ")");
        assertTrue(r.episodesRemoved() == 6, r.toString());
        Path other = Files.createDirectories(dir.resolve("again"));
        assertThrows(IllegalArgumentException.class, () -> RedTeamCorpus.build(
                RedTeamCorpus.write(other, RedTeamCorpus.lines(RedTeamCorpus.events())), root, IdentityScope.STABLE,
                TimeScope.ABSOLUTE), "a stable run into an episode-scoped root");
    }
}
