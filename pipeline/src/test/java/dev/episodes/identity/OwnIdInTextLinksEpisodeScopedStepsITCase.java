package dev.episodes.identity;

import static dev.episodes.identity.RedTeamCorpus.duck;
import static dev.episodes.identity.RedTeamCorpus.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 1): "the step's own user and device ids become their pseudonyms" in every
 * string of a step (privacy.md 6). That happens at redaction, before the identity scope is applied, and the
 * scope stage rewrites only the {@code user} and {@code device} columns: under {@code --identity episode}
 * an HR portal URL or a window title holding the person's own id carries their stable pseudonym, the same
 * in every episode and every day, in the steps the training team reads. Read back with DuckDB (the Parquet
 * pages are compressed: a byte scan of the files does not see it).
 */
class OwnIdInTextLinksEpisodeScopedStepsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void noStringOfAnEpisodeScopedStepHoldsTheStablePseudonym() throws Exception {
        List<RawEvent> events = new ArrayList<>();
        long day0 = 1_764_547_200_000_000L; // 2025-12-01T00:00:00Z
        for (int d = 0; d < 2; d++) {
            for (int e = 0; e < 3; e++) {
                long t = day0 + d * 86_400_000_000L + (9 + 2 * e) * 3_600_000_000L;
                String id = "hr" + d + e;
                events.add(new ContextEvent(id + "c", "u-3001", "d-3001", t, 1, "Firefox",
                        "Timesheet of u-3001 — Personio", "https://acme.personio.de/staff/u-3001/attendance",
                        new Element("button", "Submit", false, 5, 5, 80, 30), null, 1366, 768));
                events.add(new MouseEvent(id + "d", "u-3001", "d-3001", t + 500_000, 2, MouseEvent.Action.DOWN, 30, 20,
                        MouseEvent.Button.LEFT, 0, 0));
                events.add(new MouseEvent(id + "u", "u-3001", "d-3001", t + 560_000, 3, MouseEvent.Action.UP, 30, 20,
                        MouseEvent.Button.LEFT, 0, 0));
            }
        }
        events.sort(Comparator.comparingLong(RawEvent::tsUs));
        Path root = dir.resolve("root");
        RedTeamCorpus.build(RedTeamCorpus.write(dir, RedTeamCorpus.lines(events)), root, IdentityScope.EPISODE,
                TimeScope.parse("relative", false));
        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        String stable = key.user("u-3001");
        TreeMap<String, Long> holding = new TreeMap<>();
        long rows = 0;
        try (Connection c = duck(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT episode_id, window_title, url FROM " + steps(root))) {
            while (rs.next()) {
                rows++;
                String strings = rs.getString(2) + " " + rs.getString(3);
                assertTrue(!strings.contains("u-3001"), "the raw id: " + strings);
                if (strings.contains(stable)) {
                    holding.merge(rs.getString(1), 1L, Long::sum);
                }
            }
        }
        assertTrue(rows >= 6, "steps written: " + rows);
        assertEquals(new TreeMap<>(), holding, "episodes whose steps' strings hold the stable pseudonym " + stable);
    }
}
