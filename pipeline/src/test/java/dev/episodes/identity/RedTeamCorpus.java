package dev.episodes.identity;

import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A small hand-made corpus for the red-team attacks: two people, two days, three episodes a day each. */
final class RedTeamCorpus {
    static final long DAY0 = 1_763_856_000_000_000L; // 2025-11-23T00:00:00Z
    static final long HOUR = 3_600_000_000L;
    static final long DAY = 24 * HOUR;
    static final List<String> PEOPLE = List.of("u-3001", "u-3002");

    private RedTeamCorpus() {}

    static List<RawEvent> events() {
        List<RawEvent> events = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int p = 0; p < PEOPLE.size(); p++) {
                for (long at : new long[] {9 * HOUR, 11 * HOUR, 15 * HOUR}) {
                    episode(events, PEOPLE.get(p), "d-" + (3001 + p), DAY0 + d * DAY + at + p * 5_000_000L);
                }
            }
        }
        events.sort(Comparator.comparingLong(RawEvent::tsUs));
        return events;
    }

    static List<String> lines(List<RawEvent> events) {
        return events.stream().map(JsonEventEncoder::encode).toList();
    }

    static RunSummary build(Path input, Path root, IdentityScope identity, TimeScope time) throws Exception {
        PipelineConfig config = PipelineConfig.defaults().withParallelism(2).withScopes(identity, time);
        return new ArchiveReplay(input, root, config, TestKey.KEY).run(Flink.env(), Progress.NONE);
    }

    static Path write(Path dir, List<String> lines) throws Exception {
        Path input = dir.resolve("desk.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        return input;
    }

    static void episode(List<RawEvent> out, String user, String device, long start) {
        long seq = (start / 1000) % 1_000_000;
        String id = "e" + start + "-";
        out.add(new ContextEvent(id + 0, user, device, start, seq, "Figma", "Figma - work", null,
                new Element("textbox", "Message", false, 40, 50, 400, 30), null, 1920, 1080));
        long k = seq + 1;
        out.add(new MouseEvent(id + "c", user, device, start + 1_000_000L, k++, MouseEvent.Action.DOWN, 100, 120,
                MouseEvent.Button.LEFT, 0, 0));
        out.add(new MouseEvent(id + "u", user, device, start + 1_070_000L, k++, MouseEvent.Action.UP, 100, 120,
                MouseEvent.Button.LEFT, 0, 0));
        String text = "ok";
        for (int i = 0; i < text.length(); i++) {
            String ch = String.valueOf(text.charAt(i));
            long t = start + 2_000_000L + i * 90_000L;
            out.add(new KeyEvent(id + "k" + i, user, device, t, k++, true, ch, "Key", 0));
            out.add(new KeyEvent(id + "r" + i, user, device, t + 40_000, k++, false, ch, "Key", 0));
        }
        out.add(new MouseEvent(id + "c2", user, device, start + 7_000_000L, k++, MouseEvent.Action.DOWN, 200, 220,
                MouseEvent.Button.LEFT, 0, 0));
        out.add(new MouseEvent(id + "u2", user, device, start + 7_070_000L, k, MouseEvent.Action.UP, 200, 220,
                MouseEvent.Button.LEFT, 0, 0));
    }

    static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    static String steps(Path root) {
        return "read_parquet('" + root + "/dt=*/steps/*.parquet', hive_partitioning=true)";
    }

    static String episodes(Path root) {
        return "read_parquet('" + root + "/dt=*/episodes/*.parquet', hive_partitioning=true)";
    }

    static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
