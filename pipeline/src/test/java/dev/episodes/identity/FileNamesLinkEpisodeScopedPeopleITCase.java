package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 1): under {@code --identity episode --time relative} nothing the training team
 * reads may link two days of one person. Data file names are read by everyone (they are in the glob, in
 * the manifest, and in the episodes rows' {@code file} column): a bounded build names its files
 * {@code part-<run>-<seq * writers + writer>}, a streaming one {@code part-s<writer's random hex>-<writer>-<seq>},
 * and the writer of an episode is the subtask its device was keyed to, the same every day. So the writer
 * number of a file name is a bucket of devices that holds across days. Four people on one desktop setup
 * (same screen, same app, same keystrokes: nothing in the rows tells them apart), three days, parallelism 4:
 * the analyst groups episodes by the file name's writer and finds people alone in their bucket, across days.
 */
class FileNamesLinkEpisodeScopedPeopleITCase {
    static final int P = 4;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(P).build());

    @TempDir
    Path dir;

    static final List<String> PEOPLE = List.of("emp-ana", "emp-bo", "emp-chen", "emp-dara");

    @Test
    void noFileNameGroupsOnePersonsEpisodesAcrossDays() throws Exception {
        List<RawEvent> events = new ArrayList<>();
        long day0 = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
        long hour = 3_600_000_000L;
        for (int d = 0; d < 3; d++) {
            for (int p = 0; p < PEOPLE.size(); p++) {
                for (int e = 0; e < 3; e++) {
                    // Night shifts, 17 minutes apart, interleaved so time order says nothing either.
                    episode(events, PEOPLE.get(p), "ws-" + (70 + p), day0 + d * 24 * hour + 2 * hour
                            + (e * PEOPLE.size() + p) * 17 * 60_000_000L);
                }
            }
        }
        events.sort(Comparator.comparingLong(RawEvent::tsUs));
        Path input = RedTeamCorpus.write(dir, RedTeamCorpus.lines(events));
        Path root = dir.resolve("root");
        PipelineConfig config = PipelineConfig.defaults().withParallelism(P)
                .withScopes(IdentityScope.EPISODE, TimeScope.parse("relative", false));
        new ArchiveReplay(input, root, config, TestKey.KEY).run(Flink.env(), Progress.NONE);

        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        ScopedIdentity identity = new ScopedIdentity(IdentityScope.EPISODE, key, null);
        // bucket (what the analyst computes from the file name) -> person (ground truth, via the key) -> days
        Map<String, Map<String, Set<String>>> buckets = new TreeMap<>();
        int rows = 0;
        Pattern bounded = Pattern.compile("part-(.+)-(\\d+)\\.parquet");
        try (Connection c = RedTeamCorpus.duck(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT episode_id, \"user\", dt, file FROM " + RedTeamCorpus.episodes(root))) {
            while (rs.next()) {
                rows++;
                String person = null;
                for (String p : PEOPLE) {
                    if (identity.user(key.user(p), rs.getString(1), LocalDate.parse(rs.getString(3))).equals(rs.getString(2))) {
                        person = p;
                    }
                }
                Matcher m = bounded.matcher(rs.getString(4).substring(rs.getString(4).lastIndexOf('/') + 1));
                assertTrue(m.matches(), rs.getString(4));
                String bucket = "writer " + (Long.parseLong(m.group(2)) % P);
                buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).computeIfAbsent(person, x -> new HashSet<>())
                        .add(rs.getString(3));
            }
        }
        assertEquals(PEOPLE.size() * 3 * 3, rows, "every episode written");
        Map<String, String> linked = new HashMap<>();
        buckets.forEach((bucket, people) -> {
            if (people.size() == 1) {
                var only = people.entrySet().iterator().next();
                if (only.getValue().size() > 1) {
                    linked.put(bucket, only.getKey() + " on " + new TreeMap<>(Map.of("days", only.getValue())));
                }
            }
        });
        assertEquals(Map.of(), linked, "file names put one person's episodes of several days in one bucket: " + buckets);
    }

    /** A terminal session, the same for everybody: a context, a click, "ls" + Enter, a scroll. */
    private static void episode(List<RawEvent> out, String user, String device, long start) {
        long seq = (start / 1000) % 10_000_000;
        String id = user + "-" + start + "-";
        out.add(new ContextEvent(id + "c", user, device, start, seq++, "kitty", "~ — zsh", null,
                new Element("terminal", "shell", false, 0, 0, 1280, 800), null, 1280, 800));
        out.add(new MouseEvent(id + "d", user, device, start + 400_000L, seq++, MouseEvent.Action.DOWN, 640, 400,
                MouseEvent.Button.LEFT, 0, 0));
        out.add(new MouseEvent(id + "u", user, device, start + 460_000L, seq++, MouseEvent.Action.UP, 640, 400,
                MouseEvent.Button.LEFT, 0, 0));
        String[][] keys = {{"l", "KeyL"}, {"s", "KeyS"}, {"Enter", "Enter"}};
        for (int i = 0; i < keys.length; i++) {
            long t = start + 1_000_000L + i * 150_000L;
            out.add(new KeyEvent(id + "k" + i, user, device, t, seq++, true, keys[i][0], keys[i][1], 0));
            out.add(new KeyEvent(id + "r" + i, user, device, t + 50_000L, seq++, false, keys[i][0], keys[i][1], 0));
        }
        out.add(new MouseEvent(id + "w", user, device, start + 3_000_000L, seq, MouseEvent.Action.WHEEL, 640, 400,
                null, 0, 120));
    }
}
