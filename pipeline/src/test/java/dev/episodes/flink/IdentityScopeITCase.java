package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.identity.IdentityScope;
import dev.episodes.identity.ScopedIdentity;
import dev.episodes.identity.TimeScope;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.storage.Store;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Erasure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst holding only the training tables can do under each identity scope. A hand-made corpus
 * (not the generator's): four people over three days, one of them on two devices at once, one with a
 * device clock three minutes ahead, sessions that cross midnight UTC, apps of their own, one email typed
 * (an audit line), one malformed record (a dead letter) and one pause that arrives late. Built three
 * times (episode scope with relative time, day scope, stable) and read back with DuckDB.
 */
class IdentityScopeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long DAY0 = 1_763_856_000_000_000L; // 2025-11-23T00:00:00Z
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final List<String> PEOPLE = List.of("u-2001", "u-2002", "u-2003", "u-2004");
    private static final PseudonymKey KEY = TestKey.KEY;
    private static final Pseudonymizer P = KEY.pseudonymizer();
    /** u-2003's pause, day 1: from the middle of its 09:20 episode to the middle of its 14:00 one. */
    private static final long PAUSE = DAY0 + DAY + 9 * HOUR + 20 * 60_000_000L + 3_000_000L;
    private static final long PAUSE_END = DAY0 + DAY + 14 * HOUR + 4_000_000L;
    /** How the episode root's ids derive from the stable ones. */
    private static final ScopedIdentity EPISODE_IDS = new ScopedIdentity(IdentityScope.EPISODE,
            TimeScope.parse("relative", false), P, null);

    @TempDir
    static Path dir;
    static Path episodeRoot;
    static Path dayRoot;
    static Path stableRoot;
    static RunSummary episodeRun;

    @BeforeAll
    static void build() throws Exception {
        Path input = dir.resolve("desk.jsonl");
        Files.write(input, corpus(), StandardCharsets.UTF_8);
        episodeRoot = dir.resolve("episode");
        dayRoot = dir.resolve("day");
        stableRoot = dir.resolve("stable");
        episodeRun = build(input, episodeRoot, IdentityScope.EPISODE, TimeScope.parse("relative", false));
        build(input, dayRoot, IdentityScope.DAY, TimeScope.ABSOLUTE);
        build(input, stableRoot, IdentityScope.STABLE, TimeScope.ABSOLUTE);
    }

    private static RunSummary build(Path input, Path root, IdentityScope identity, TimeScope time) throws Exception {
        return new ArchiveReplay(input, root, config(identity, time), KEY).run(Flink.env(), Progress.NONE);
    }

    private static PipelineConfig config(IdentityScope identity, TimeScope time) {
        return PipelineConfig.defaults().withParallelism(2).withScopes(identity, time);
    }

    @Test
    void withEpisodeScopeNoQueryOverTheTrainingTablesCountsAPersonAcrossEpisodes() throws Exception {
        try (Connection c = duck()) {
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT \"user\", count(DISTINCT episode_id) n FROM "
                    + steps(episodeRoot) + " GROUP BY \"user\")"), "one episode per user value in steps");
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT device, count(DISTINCT episode_id) n FROM "
                    + steps(episodeRoot) + " GROUP BY device)"), "and per device value");
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT \"user\", count(*) n FROM " + episodes(episodeRoot)
                    + " GROUP BY \"user\")"), "one row per user value in episodes");
            // Manifests list nobody: the per-file people lists erasure needs are in _private/people/.
            assertEquals(0L, one(c, "SELECT count(*) FROM (SELECT unnest(files) f FROM read_json('" + episodeRoot
                    + "/dt=*/_manifest.json')) WHERE json_exists(to_json(f), '$.users')"));
            assertTrue(Files.isDirectory(episodeRoot.resolve(dev.episodes.writing.PeopleIndex.DIR)));
            // Relative time: steps are offsets within their episode (30 min at most), episodes keep their date.
            assertTrue(one(c, "SELECT max(end_ts_us) FROM " + steps(episodeRoot)) <= 30 * 60_000_000L);
            assertEquals(0L, one(c, "SELECT min(ts_us) FROM " + steps(episodeRoot)));
            assertEquals(0L, one(c, "SELECT count(*) FROM " + episodes(episodeRoot)
                    + " WHERE start_ts_us % " + DAY + " <> 0"));
            assertEquals(one(c, "SELECT count(*) FROM " + episodes(stableRoot)),
                    one(c, "SELECT count(*) FROM " + episodes(episodeRoot)), "the same episodes");
        }
        // No stable pseudonym nor raw id anywhere a reader of the dataset (not _private) could look.
        List<String> stable = new ArrayList<>();
        for (String u : PEOPLE) {
            stable.add(P.user(u));
            stable.add(u);
        }
        for (String d : List.of("d-a1", "d-a2", "d-b", "d-c", "d-d")) {
            stable.add(P.device(d));
        }
        assertEquals(List.of(), leaks(episodeRoot, stable));
        assertEquals(List.of(), leaks(dayRoot, stable));
        String card = Files.readString(episodeRoot.resolve("README.md"));
        assertTrue(card.contains("--identity episode") && card.contains("--time relative"), card);
    }

    @Test
    void withStableScopeTheSameQueriesMakeAReportPerPersonAndDayScopeStopsAtTheDay() throws Exception {
        try (Connection c = duck()) {
            Map<String, Long> perPerson = counts(c, "SELECT \"user\", count(*) FROM " + episodes(stableRoot)
                    + " GROUP BY \"user\"");
            assertEquals(PEOPLE.size(), perPerson.size(), "one value per person: " + perPerson);
            assertTrue(perPerson.values().stream().allMatch(n -> n >= 9), "a report by person: " + perPerson);
            assertTrue(perPerson.containsKey(P.user("u-2001")));
            // Day scope: a value never spans two days, but within a day it still links episodes.
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT \"user\", count(DISTINCT dt) n FROM "
                    + episodes(dayRoot) + " GROUP BY \"user\")"));
            assertTrue(one(c, "SELECT max(n) FROM (SELECT \"user\", count(*) n FROM " + episodes(dayRoot)
                    + " GROUP BY \"user\")") >= 3);
            // Splits come from the stable pseudonym under every scope: the same episode, the same split. The
            // episode scope's ids are derived with the key from the stable ones: only a key holder pairs them.
            Map<String, String> stableSplits = pairs(c, "SELECT episode_id, split FROM " + episodes(stableRoot));
            Map<String, String> scopedSplits = pairs(c, "SELECT episode_id, split FROM " + episodes(episodeRoot));
            Map<String, String> expected = new TreeMap<>();
            stableSplits.forEach((id, split) -> expected.put(EPISODE_IDS.episodeId(id), split));
            assertEquals(expected, new TreeMap<>(scopedSplits));
            assertEquals(0L, one(c, "SELECT count(*) FROM " + episodes(stableRoot) + " s JOIN " + episodes(episodeRoot)
                    + " e USING (episode_id)"), "no id is shared by the two roots");
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT \"user\", count(DISTINCT split) n FROM "
                    + episodes(stableRoot) + " GROUP BY \"user\")"), "nobody in two splits");
        }
    }

    @Test
    void aLatePauseWithholdsUnderEveryScope() throws Exception {
        assertTrue(episodeRun.paused() > 0, "counted: " + episodeRun);
        try (Connection c = duck()) {
            long inside = one(c, "SELECT count(*) FROM " + steps(stableRoot) + " WHERE \"user\" = '" + P.user("u-2003")
                    + "' AND ts_us >= " + PAUSE + " AND ts_us < " + PAUSE_END);
            assertEquals(0L, inside, "nothing inside the pause");
            assertTrue(one(c, "SELECT count(*) FROM " + steps(stableRoot) + " WHERE \"user\" = '" + P.user("u-2003")
                    + "' AND ts_us >= " + PAUSE_END + " AND ts_us < " + (PAUSE_END + HOUR)) > 0, "it ended by itself");
            assertEquals(one(c, "SELECT count(*) FROM " + steps(stableRoot)), one(c, "SELECT count(*) FROM "
                    + steps(episodeRoot)), "the same steps withheld under episode scope");
        }
    }

    @Test
    void erasureFindsEveryFileOfOnePersonUnderEveryScope() throws Exception {
        Set<String> theirs;
        Set<String> all;
        try (Connection c = duck()) {
            theirs = strings(c, "SELECT DISTINCT episode_id FROM " + episodes(stableRoot) + " WHERE \"user\" = '"
                    + P.user("u-2001") + "'");
            all = strings(c, "SELECT DISTINCT episode_id FROM " + episodes(stableRoot));
        }
        assertTrue(theirs.size() >= 12, "two devices over three days: " + theirs.size());
        Set<String> others = new HashSet<>(all);
        others.removeAll(theirs);
        Map<Path, ScopedIdentity> scopes = Map.of(episodeRoot, EPISODE_IDS,
                dayRoot, new ScopedIdentity(IdentityScope.DAY, TimeScope.ABSOLUTE, P, null),
                stableRoot, new ScopedIdentity(IdentityScope.STABLE, TimeScope.ABSOLUTE, P, null));
        Set<String> stableTheirs = theirs;
        Set<String> stableOthers = others;
        for (Path root : List.of(episodeRoot, dayRoot, stableRoot)) {
            theirs = ids(scopes.get(root), stableTheirs);
            others = ids(scopes.get(root), stableOthers);
            Path copy = dir.resolve("erase-" + root.getFileName());
            copyTree(root, copy);
            assertTrue(Files.readString(copy.resolve("_private/rejected").toFile().listFiles()[0].toPath())
                    .contains(P.user("u-2001")), "the malformed record is a dead letter of the person");
            assertTrue(auditNames(copy, theirs), "the typed email is an audit line of one of their episodes");
            Erasure.Result r = Erasure.eraseScoped(Store.local(copy), P.user("u-2001"), P, Duration.ZERO);
            assertEquals(theirs.size(), r.episodesRemoved(), root + ": " + r);
            assertTrue(r.deadLettersRemoved() > 0, root + ": " + r);
            try (Connection c = duck()) {
                assertEquals(others, strings(c, "SELECT DISTINCT episode_id FROM " + episodes(copy)), root.toString());
                assertEquals(others, strings(c, "SELECT DISTINCT episode_id FROM " + steps(copy)), root.toString());
            }
            assertFalse(auditNames(copy, theirs), root + ": audit lines of erased episodes are gone");
            // Nothing private names them either, but the erasure's own record (_private/erasures/, for operators).
            assertEquals(List.of(), leaks(copy.resolve("_private"), List.of(P.user("u-2001"))).stream()
                    .filter(l -> !l.startsWith("erasures/")).toList(), root.toString());
            try (Stream<Path> records = Files.list(copy.resolve("_private/erasures"))) {
                assertEquals(1, records.count(), "one erasure record");
            }
            // Retention goes by partition date, whatever the scope: the first day leaves whole.
            java.time.LocalDate keep = java.time.LocalDate.of(2025, 11, 24);
            dev.episodes.writing.Retention.expire(Store.local(copy), keep, Duration.ZERO);
            try (Connection c = duck()) {
                assertEquals(0L, one(c, "SELECT count(*) FROM " + episodes(copy) + " WHERE dt < '" + keep + "'"),
                        root.toString());
                assertTrue(one(c, "SELECT count(*) FROM " + episodes(copy)) > 0, root.toString());
            }
        }
    }

    /**
     * What episode scope leaves (docs/linkability.md), measured: a screen size only one person has still
     * groups their episodes, and so does an app only they use; relative time removes the order of a day's
     * episodes (every one starts at midnight), which absolute time gives away.
     */
    @Test
    void whatEpisodeScopeLeavesLinkableIsTheContentNotTheColumns() throws Exception {
        try (Connection c = duck()) {
            // People whose every episode shares a screen size no one else's has: 2 of 4 here.
            long unique = one(c, "SELECT count(*) FROM (SELECT s.screen_w, s.screen_h FROM (SELECT DISTINCT episode_id,"
                    + " screen_w, screen_h FROM " + steps(stableRoot) + ") s JOIN " + episodes(stableRoot)
                    + " e USING (episode_id) GROUP BY 1, 2 HAVING count(DISTINCT e.\"user\") = 1 AND count(*) > 1)");
            assertEquals(2L, unique, "screen sizes of one person each");
            long chained = one(c, "SELECT max(n) FROM (SELECT screen_w, screen_h, count(DISTINCT episode_id) n FROM "
                    + steps(episodeRoot) + " WHERE screen_w = 3440 GROUP BY 1, 2)");
            assertTrue(chained >= 9, "under episode scope the ultra-wide screen still chains one person's episodes: "
                    + chained);
            // Absolute time orders a day's episodes; relative time leaves one start per day.
            assertTrue(one(c, "SELECT max(n) FROM (SELECT dt, count(DISTINCT start_ts_us) n FROM " + episodes(stableRoot)
                    + " GROUP BY dt)") > 10);
            assertEquals(1L, one(c, "SELECT max(n) FROM (SELECT dt, count(DISTINCT start_ts_us) n FROM "
                    + episodes(episodeRoot) + " GROUP BY dt)"));
        }
    }

    @Test
    void aRunOfAnotherScopeIntoTheRootIsRefused() {
        var e = assertThrows(Exception.class, () -> build(dir.resolve("desk.jsonl"), episodeRoot, IdentityScope.STABLE,
                TimeScope.ABSOLUTE));
        String message = rootCause(e).getMessage();
        assertTrue(message.contains("--identity episode --time relative") && message.contains("--identity stable"),
                message);
    }

    // ---- the corpus ----

    /** Every person's days, time-sorted as an archive roughly is, with the pause 3 s late and one bad line. */
    static List<String> corpus() {
        List<RawEvent> events = new ArrayList<>();
        String[][] apps = {{"Figma", "Slack"}, {"Microsoft Excel", "Outlook"}, {"Visual Studio Code", "Terminal"},
                {"Zoom", "Google Chrome"}};
        for (int d = 0; d < 3; d++) {
            long day = DAY0 + d * DAY;
            for (int p = 0; p < PEOPLE.size(); p++) {
                String user = PEOPLE.get(p);
                String device = switch (p) {
                    case 0 -> "d-a1";
                    case 1 -> "d-b";
                    case 2 -> "d-c";
                    default -> "d-d";
                };
                long skew = p == 1 ? 3 * 60_000_000L : 0L; // this device's clock runs three minutes ahead
                for (long at : new long[] {9 * HOUR, 9 * HOUR + 20 * 60_000_000L, 14 * HOUR}) {
                    episode(events, user, device, day + at + skew + p * 7_000_000L, apps[p][(int) ((at / HOUR) % 2)],
                            d == 0 && p == 0 && at == 14 * HOUR);
                }
                // Late in the evening, across midnight UTC.
                episode(events, user, device, day + DAY - 4_000_000L + skew + p * 1_000_000L, apps[p][1], false);
                if (p == 0) { // a second device at the same time as the first
                    episode(events, user, "d-a2", day + 9 * HOUR + 2_000_000L, "Microsoft Teams", false);
                }
            }
        }
        events.sort(Comparator.comparingLong(RawEvent::tsUs));
        List<String> lines = new ArrayList<>();
        boolean paused = false;
        for (RawEvent e : events) {
            if (!paused && e.tsUs() > PAUSE + 3_000_000L) {
                lines.add(JsonEventEncoder.encode(new ConsentEvent("pause-1", "u-2003", "", PAUSE, 0, false, PAUSE_END)));
                paused = true;
            }
            lines.add(JsonEventEncoder.encode(e));
        }
        lines.add(lines.size() / 2, "{\"kind\":\"mouse\",\"event_id\":\"bad-1\",\"user_id\":\"u-2001\",\"device_id\":"
                + "\"d-a1\",\"ts_us\":" + (DAY0 + 10 * HOUR) + ",\"seq\":1,\"action\":\"down\",\"button\":\"left\"}");
        return lines;
    }

    /** Screens: u-2001's laptop and u-2003's ultra-wide are their own; u-2002 and u-2004 share a common one. */
    private static int[] screen(String user, String device) {
        return switch (user) {
            case "u-2001" -> device.equals("d-a2") ? new int[] {1920, 1080} : new int[] {2560, 1600};
            case "u-2003" -> new int[] {3440, 1440};
            default -> new int[] {1920, 1080};
        };
    }

    private static void episode(List<RawEvent> out, String user, String device, long start, String app, boolean email) {
        long seq = (start / 1000) % 1_000_000;
        String id = user + "-" + device + "-" + start + "-";
        int[] screen = screen(user, device);
        out.add(new ContextEvent(id + 0, user, device, start, seq, app, app + " - work", null,
                new Element("textbox", "Message", false, 40, 50, 400, 30), null, screen[0], screen[1]));
        int[] k = {0};
        java.util.function.LongConsumer click = t -> {
            out.add(new MouseEvent(id + "c" + t, user, device, start + t, seq + 1 + k[0]++, MouseEvent.Action.DOWN,
                    100, 120, MouseEvent.Button.LEFT, 0, 0));
            out.add(new MouseEvent(id + "u" + t, user, device, start + t + 70_000, seq + 1 + k[0]++,
                    MouseEvent.Action.UP, 100, 120, MouseEvent.Button.LEFT, 0, 0));
        };
        click.accept(1_000_000L);
        String text = email ? "mail bob@example.com" : "ok";
        for (int i = 0; i < text.length(); i++) {
            String ch = String.valueOf(text.charAt(i));
            long t = start + 2_000_000L + i * 90_000L;
            out.add(new KeyEvent(id + "k" + i, user, device, t, seq + 1 + k[0]++, true, ch, "Key", 0));
            out.add(new KeyEvent(id + "r" + i, user, device, t + 40_000, seq + 1 + k[0]++, false, ch, "Key", 0));
        }
        out.add(new MouseEvent(id + "w", user, device, start + 5_000_000L, seq + 1 + k[0]++, MouseEvent.Action.WHEEL,
                300, 300, null, 0, 120));
        click.accept(7_000_000L);
    }

    // ---- reading it back ----

    private static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static String steps(Path root) {
        return "read_parquet('" + root + "/dt=*/steps/*.parquet', hive_partitioning=true)";
    }

    private static String episodes(Path root) {
        return "read_parquet('" + root + "/dt=*/episodes/*.parquet', hive_partitioning=true)";
    }

    private static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }

    private static Map<String, Long> counts(Connection c, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        }
        return out;
    }

    private static Set<String> ids(ScopedIdentity scope, Set<String> stableIds) {
        Set<String> out = new HashSet<>();
        stableIds.forEach(id -> out.add(scope.episodeId(id)));
        return out;
    }

    private static Map<String, String> pairs(Connection c, String sql) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    private static Set<String> strings(Connection c, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Values found in files under {@code root} outside {@code _private/}: text files as text, Parquet's strings by DuckDB. */
    private static List<String> leaks(Path root, List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        boolean privateRoot = root.getFileName().toString().equals("_private");
        try (Stream<Path> files = Files.walk(root); Connection c = duck()) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!privateRoot && rel.startsWith("_private")) {
                    continue;
                }
                String text;
                if (rel.endsWith(".parquet")) {
                    StringBuilder b = new StringBuilder();
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                            "SELECT * FROM read_parquet('" + f + "')")) {
                        int n = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            for (int i = 1; i <= n; i++) {
                                b.append(r.getString(i)).append('\n');
                            }
                        }
                    }
                    text = b.toString();
                } else {
                    text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                }
                for (String v : values) {
                    if (text.contains(v)) {
                        found.add(rel + ": " + v);
                    }
                }
            }
        }
        return found;
    }

    private static boolean auditNames(Path root, Set<String> episodeIds) throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve("_audit"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("redactions-")).toList()) {
                String text = Files.readString(f);
                if (episodeIds.stream().anyMatch(text::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
