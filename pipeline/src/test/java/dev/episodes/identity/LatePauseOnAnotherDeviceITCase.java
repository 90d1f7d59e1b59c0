package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.DAY0;
import static dev.episodes.identity.RedTeamCorpus.HOUR;
import static dev.episodes.identity.RedTeamCorpus.duck;
import static dev.episodes.identity.RedTeamCorpus.one;
import static dev.episodes.identity.RedTeamCorpus.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (issue 17): a pause of u-3001 sent from a device that recorded nothing (another of theirs),
 * arriving late in the archive: after events up to {@code lateSeconds} past its start. Nothing of u-3001
 * inside the pause may be written; u-3002's steps in the same window stay. 8 s is within the default
 * out-of-orderness (10 s); 120 s is beyond it but within the session gap (the episode is still open); 600 s and
 * 7,200 s come after the episode closed (session gap 5 min) and was emitted.
 */
class LatePauseOnAnotherDeviceITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long PAUSE = DAY0 + 11 * HOUR + 500_000L;
    private static final long PAUSE_END = DAY0 + 11 * HOUR + 8_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {8, 120, 600, 7200})
    void aLatePauseFromAnotherDeviceWithholdsOnlyThatPerson(long lateSeconds) throws Exception {
        List<String> lines = new ArrayList<>();
        boolean sent = false;
        for (RawEvent e : RedTeamCorpus.events()) {
            if (!sent && e.tsUs() > PAUSE + lateSeconds * 1_000_000L) {
                lines.add(JsonEventEncoder.encode(new ConsentEvent("pause-x", "u-3001", "d-phone", PAUSE, 0, false, PAUSE_END)));
                sent = true;
            }
            lines.add(JsonEventEncoder.encode(e));
        }
        Path root = dir.resolve("stable");
        var run = RedTeamCorpus.build(RedTeamCorpus.write(dir, lines), root, IdentityScope.STABLE, TimeScope.ABSOLUTE);
        Pseudonymizer p = TestKey.KEY.pseudonymizer();
        try (Connection c = duck()) {
            String window = " AND ts_us >= " + PAUSE + " AND ts_us < " + PAUSE_END;
            assertEquals(0L, one(c, "SELECT count(*) FROM " + steps(root) + " WHERE \"user\" = '" + p.user("u-3001")
                    + "'" + window), lateSeconds + " s late: steps inside the pause written; " + run);
            assertTrue(one(c, "SELECT count(*) FROM " + steps(root) + " WHERE \"user\" = '" + p.user("u-3002") + "'"
                    + window) > 0, "the other person's steps in the window withheld too");
            assertTrue(one(c, "SELECT count(*) FROM " + steps(root) + " WHERE \"user\" = '" + p.user("u-3001")
                    + "' AND ts_us >= " + PAUSE_END + " AND ts_us < " + (PAUSE_END + 5 * HOUR)) > 0, "the pause ended");
        }
    }
}
