package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.duck;
import static dev.episodes.identity.RedTeamCorpus.episodes;
import static dev.episodes.identity.RedTeamCorpus.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17): episode_id is SHA-256(stable user pseudonym, stable device pseudonym, first ts,
 * first event id) whatever the scope (session/EpisodeIds), so it is the same in a root built with
 * {@code --identity stable} (every root from before the flag) and one built with {@code --identity
 * episode --time relative} over the same input and key. Whoever reads both (the training team reads
 * both) joins on episode_id and gets back the stable pseudonym and the absolute start of every
 * "unlinkable" episode: a per-person report on the new dataset.
 */
class EpisodeIdLinksScopedDatasetsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void anEpisodeScopedDatasetSharesNoIdWithAStableOneOfTheSameInput() throws Exception {
        Path input = RedTeamCorpus.write(dir, RedTeamCorpus.lines(RedTeamCorpus.events()));
        Path stable = dir.resolve("stable");
        Path scoped = dir.resolve("episode");
        RedTeamCorpus.build(input, stable, IdentityScope.STABLE, TimeScope.ABSOLUTE);
        RedTeamCorpus.build(input, scoped, IdentityScope.EPISODE, TimeScope.parse("relative", false));
        try (Connection c = duck()) {
            assertEquals(12L, one(c, "SELECT count(*) FROM " + episodes(scoped)));
            long perPerson = one(c, "SELECT max(n) FROM (SELECT s.\"user\", count(*) n FROM " + episodes(stable)
                    + " s JOIN " + episodes(scoped) + " e USING (episode_id) GROUP BY s.\"user\")");
            long exactStarts = one(c, "SELECT count(*) FROM " + episodes(stable) + " s JOIN " + episodes(scoped)
                    + " e USING (episode_id) WHERE s.start_ts_us % 3600000000 <> 0");
            assertTrue(perPerson <= 1 && exactStarts == 0, "joining on episode_id gives " + perPerson
                    + " episode-scoped episodes per stable pseudonym and the exact start of " + exactStarts);
        }
    }
}
