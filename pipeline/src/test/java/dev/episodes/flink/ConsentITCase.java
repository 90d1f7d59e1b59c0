package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ConsentEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.writing.ShardReader;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** People decide: a revoke removes their events from its time on (even arriving late); a grant re-admits. */
class ConsentITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long START = TimeBounds.micros(GeneratorSettings.DEFAULT_START);
    private static final long MINUTE = 60_000_000L;

    @Test
    void aRevokedPersonLeavesNoStepsUntilTheyGrantAgain(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.jsonl");
        Corpus.write(plain, GeneratorSettings.of(2, Duration.ofMinutes(12), 5));
        List<Long> own = eventTimes(plain, "u-1001"); // revoke and grant while this person is active
        long revoke = own.get(own.size() * 3 / 10);
        long grant = own.get(own.size() * 7 / 10);
        Path input = corpusWithConsent(dir, List.of(
                new ConsentEvent("c1", "u-1001", "", revoke, 0, false),
                new ConsentEvent("c2", "u-1001", "", grant, 0, true)));
        PseudonymKey key = TestKey.KEY;
        RunSummary s = new ArchiveReplay(input, dir.resolve("out"), PipelineConfig.defaults().withParallelism(2), key)
                .run(Flink.env(), Progress.NONE);
        assertTrue(s.withoutConsent() > 0);
        String revoked = key.pseudonymizer().user("u-1001");
        List<Long> times = stepTimes(dir.resolve("out"), revoked);
        assertTrue(times.stream().anyMatch(t -> t < revoke), "steps before the revoke stay");
        assertTrue(times.stream().anyMatch(t -> t >= grant), "steps after the re-grant come back");
        assertEquals(List.of(), times.stream().filter(t -> t >= revoke && t < grant).toList(),
                "nothing of the revoked person between revoke and grant");
    }

    /**
     * A pause (a revoke with {@code until_ts_us}) arriving late, while the desktop kept sending: nothing of
     * the person inside it, activity after its end comes back by itself. An exemption (a revoke with no
     * end, also late) keeps everything of its person out to the end; a pause inside it re-admits nothing.
     */
    @Test
    void aLatePauseWithholdsUntilItsEndAndAnExemptionToTheEnd(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.jsonl");
        Corpus.write(plain, GeneratorSettings.of(2, Duration.ofMinutes(12), 5));
        List<Long> first = eventTimes(plain, "u-1001");
        List<Long> second = eventTimes(plain, "u-1002");
        long pause = first.get(first.size() * 3 / 10);
        long until = first.get(first.size() * 6 / 10);
        long exempt = second.get(second.size() * 4 / 10);
        long innerPause = second.get(second.size() * 5 / 10);
        Path input = corpusWithConsent(dir, List.of(
                new ConsentEvent("p1", "u-1001", "", pause, 0, false, until),
                new ConsentEvent("e1", "u-1002", "", exempt, 0, false),
                new ConsentEvent("p2", "u-1002", "", innerPause, 0, false, innerPause + MINUTE)));
        PseudonymKey key = TestKey.KEY;
        RunSummary s = new ArchiveReplay(input, dir.resolve("out"), PipelineConfig.defaults().withParallelism(2), key)
                .run(Flink.env(), Progress.NONE);
        assertTrue(s.paused() > 0 && s.paused() < s.withoutConsent(), "pauses counted apart: " + s);
        Pseudonymizer p = key.pseudonymizer();
        List<Long> paused = stepTimes(dir.resolve("out"), p.user("u-1001"));
        assertTrue(paused.stream().anyMatch(t -> t < pause), "steps before the pause stay");
        assertTrue(paused.stream().anyMatch(t -> t >= until), "steps after the pause's end come back by themselves");
        assertEquals(List.of(), paused.stream().filter(t -> t >= pause && t < until).toList(),
                "nothing inside the pause");
        List<Long> exempted = stepTimes(dir.resolve("out"), p.user("u-1002"));
        assertTrue(exempted.stream().anyMatch(t -> t < exempt));
        assertEquals(List.of(), exempted.stream().filter(t -> t >= exempt).toList(),
                "nothing after an exemption, a pause inside it ending included");
    }

    @Test
    void withRevokedByDefaultOnlyPeopleWhoGrantedAreKept(@TempDir Path dir) throws Exception {
        Path input = corpusWithConsent(dir, List.of(new ConsentEvent("c1", "u-1002", "", START - MINUTE, 0, true)));
        PseudonymKey key = TestKey.KEY;
        new ArchiveReplay(input, dir.resolve("out"), PipelineConfig.defaults().withParallelism(2)
                .withConsentByDefault(false), key).run(Flink.env(), Progress.NONE);
        Pseudonymizer p = key.pseudonymizer();
        assertEquals(List.of(), stepTimes(dir.resolve("out"), p.user("u-1001")));
        assertTrue(!stepTimes(dir.resolve("out"), p.user("u-1002")).isEmpty());
    }

    /** Two people's activity; the consent lines are appended at the end, so they arrive late. */
    private static Path corpusWithConsent(Path dir, List<ConsentEvent> consent) throws Exception {
        Path input = dir.resolve("activity.jsonl");
        Corpus.write(input, GeneratorSettings.of(2, Duration.ofMinutes(12), 5));
        List<String> lines = new ArrayList<>(Files.readAllLines(input));
        // Late by a few seconds of event time at most: insert each near the end of its minute.
        for (ConsentEvent c : consent) {
            lines.add(Math.min(lines.size(), indexAfter(lines, c.tsUs() + 3_000_000L)), JsonEventEncoder.encode(c));
        }
        Files.write(input, lines, StandardOpenOption.TRUNCATE_EXISTING);
        return input;
    }

    private static List<Long> eventTimes(Path file, String user) throws Exception {
        var decoder = new dev.episodes.decode.JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        List<Long> times = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (decoder.decode(line) instanceof dev.episodes.decode.DecodeResult.Decoded d
                    && d.event().userId().equals(user)) {
                times.add(d.event().tsUs());
            }
        }
        times.sort(null);
        return times;
    }

    private static int indexAfter(List<String> lines, long tsUs) {
        var decoder = new dev.episodes.decode.JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        for (int i = 0; i < lines.size(); i++) {
            if (decoder.decode(lines.get(i)) instanceof dev.episodes.decode.DecodeResult.Decoded d
                    && d.event().tsUs() > tsUs) {
                return i;
            }
        }
        return lines.size();
    }

    private static List<Long> stepTimes(Path root, String user) throws Exception {
        List<Long> times = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().contains("/steps/") && p.toString().endsWith(".parquet"))
                    .toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    if (r.get("user").toString().equals(user)) {
                        times.add((Long) r.get("ts_us"));
                    }
                }
            }
        }
        return times;
    }
}
