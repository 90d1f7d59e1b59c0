package dev.episodes.flink.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.TimeBounds;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.TestKey;
import dev.episodes.window.BuildWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints taken by earlier versions of the pipeline restore into this one. Each directory under
 * {@code src/test/resources/savepoints/} holds a corpus, the line its savepoint was taken at (the job
 * stopped with episodes open: one spans the savepoint), the canonical savepoint of the real topology
 * ({@link EpisodeTopology#fromDecoded}) and the episodes of an uninterrupted run. Restored, the job
 * reads the rest of the corpus: with the episodes the first part wrote before the savepoint, it must
 * write exactly the uninterrupted run's. Every operator's state must be claimed: no allowNonRestoredState
 * (the corpus source keeps its uid and state too). {@code -Dsavepoint.write=true} (with
 * {@code -Dsavepoint.name=...}, default {@value #CURRENT}) takes a new one: see docs/state.md.
 */
class SavepointCompatITCase {
    /** The directory write mode fills; older ones are kept and restored too. */
    static final String CURRENT = "issue-17";
    static final Path SAVEPOINTS = Path.of("src/test/resources/savepoints");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /** What each test sink received, by run. */
    static final Map<String, Queue<String>> RECEIVED = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    @Test
    void everyCommittedSavepointRestoresWithItsOpenEpisodes() throws Exception {
        assumeFalse(Boolean.getBoolean("savepoint.write"), "the write mode restores what it wrote");
        List<Path> dirs;
        try (Stream<Path> all = Files.list(SAVEPOINTS)) {
            dirs = all.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.stream().anyMatch(d -> d.getFileName().toString().equals(CURRENT)), "savepoints: " + dirs);
        for (Path dir : dirs) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(dir.resolve("savepoint.properties"))) {
                p.load(in);
            }
            List<String> corpus = readCorpus(dir);
            int cut = Integer.parseInt(p.getProperty("cut"));
            Instant now = Instant.parse(p.getProperty("now"));
            List<String> before = Files.readAllLines(dir.resolve("episodes-before.txt"));
            List<String> full = Files.readAllLines(dir.resolve("episodes-full.txt"));

            List<String> after = restore(dir.getFileName().toString(), corpus, now, dir.resolve("savepoint"));
            assertTrue(after.stream().anyMatch(e -> startUs(e) < cutUs(corpus, cut, now)),
                    dir + ": an episode open in the savepoint closes after the restore: " + after);
            assertEquals(full, sorted(before, after), dir + ": the episodes of an uninterrupted run, each once");
        }
    }

    @Test
    void writeASavepointWhenAsked() throws Exception {
        assumeTrue(Boolean.getBoolean("savepoint.write"), "the write mode only: -Dsavepoint.write=true");
        String name = System.getProperty("savepoint.name", CURRENT);
        Path corpusFile = tmp.resolve("corpus.jsonl");
        GeneratorSettings settings = GeneratorSettings.of(2, Duration.ofMinutes(2), 16).withMalformedRate(0.01)
                .withDuplicateRate(0.01);
        Corpus.write(corpusFile, settings);
        List<String> corpus = Files.readAllLines(corpusFile);
        int cut = corpus.size() / 2;
        Instant now = settings.start().plus(Duration.ofDays(1)); // the job's clock: fixed

        List<String> full = sorted(run("full", corpus, corpus.size(), now, null), List.of());

        CorpusSource.EMITTED.set(0);
        JobClient first = submit("before", corpus, cut, now, null);
        Await.until("the first half read", Duration.ofSeconds(30), () -> CorpusSource.EMITTED.get() >= cut);
        String taken = first.stopWithSavepoint(false, tmp.resolve("taken").toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        List<String> before = List.copyOf(RECEIVED.get("before"));

        Path dir = SAVEPOINTS.resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        copyRecursively(Path.of(java.net.URI.create(taken)), dir.resolve("savepoint"));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            out.write((String.join("\n", corpus) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("savepoint.properties"), "# the line the savepoint was taken at, the job's clock\n"
                + "cut=" + cut + "\nnow=" + now + "\n");
        Files.write(dir.resolve("episodes-before.txt"), sorted(before, List.of()));
        Files.write(dir.resolve("episodes-full.txt"), full);
        System.out.println("wrote the savepoint " + dir.toAbsolutePath() + ": " + before.size() + " of " + full.size()
                + " episodes before it");

        List<String> after = restore(name, readCorpus(dir), now, dir.resolve("savepoint"));
        assertEquals(full, sorted(before, after), "restored, the run writes what an uninterrupted one does");
        assertTrue(after.stream().anyMatch(e -> startUs(e) < cutUs(corpus, cut, now)), "an episode spans the savepoint");
    }

    /** Restores {@code savepoint} and reads the rest of the corpus; the episodes written after it. */
    private List<String> restore(String name, List<String> corpus, Instant now, Path savepoint) throws Exception {
        return run("after-" + name, corpus, corpus.size(), now, savepoint);
    }

    static List<String> readCorpus(Path dir) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("corpus.jsonl.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private List<String> run(String run, List<String> corpus, int pauseAt, Instant now, Path savepoint)
            throws Exception {
        JobClient job = submit(run, corpus, pauseAt, now, savepoint);
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        return List.copyOf(RECEIVED.get(run));
    }

    private JobClient submit(String run, List<String> corpus, int pauseAt, Instant now, Path savepoint)
            throws Exception {
        RECEIVED.put(run, new ConcurrentLinkedQueue<>());
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toAbsolutePath().toUri().toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false); // every operator restores
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        PipelineConfig config = PipelineConfig.defaults().withParallelism(2);
        DataStream<DecodeResult> timed = env.fromSource(new CorpusSource(corpus, pauseAt,
                        TimeBounds.aheadOf(now, config.maxClockAhead())), watermarks(config), "corpus",
                        PipelineTypes.DECODE_RESULT)
                .uid("test-corpus").setParallelism(1);
        EpisodeTopology.Outputs out = EpisodeTopology.fromDecoded(timed, config, TestKey.KEY.pseudonymizer(),
                BuildWindow.ALL, s -> s);
        out.episodes().sinkTo(new Received(run)).uid("test-episodes").setParallelism(1);
        out.deadLetters().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>())
                .uid("test-dead-letters").setParallelism(1);
        return env.executeAsync(run);
    }

    /**
     * The pipeline's event time, with the watermark emitted at each event instead of periodically: the
     * state at the savepoint barrier is then the same whatever the timing (no watermark can follow it).
     */
    static WatermarkStrategy<DecodeResult> watermarks(PipelineConfig config) {
        long bound = config.outOfOrderness().toMillis();
        return WatermarkStrategy.<DecodeResult>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long max = Long.MIN_VALUE;

            @Override
            public void onEvent(DecodeResult r, long ts, WatermarkOutput output) {
                if (r instanceof DecodeResult.Decoded && ts > max) {
                    max = ts;
                    output.emitWatermark(new Watermark(max - bound - 1));
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        }).withTimestampAssigner((r, recordTs) -> r instanceof DecodeResult.Decoded d
                ? Math.floorDiv(d.event().tsUs(), 1000L) : recordTs);
    }

    /** One line per episode: id, start, step count, actions. */
    static String describe(Episode e) {
        return e.episodeId() + " " + e.startTsUs() + " " + e.steps().size() + " "
                + e.steps().stream().map(Step::action).map(a -> a.wire()).collect(Collectors.joining(","));
    }

    static long startUs(String line) {
        return Long.parseLong(line.split(" ")[1]);
    }

    /** The latest event time read before the savepoint. */
    static long cutUs(List<String> corpus, int cut, Instant now) {
        var decoder = new dev.episodes.decode.JsonEventDecoder(TimeBounds.aheadOf(now,
                PipelineConfig.defaults().maxClockAhead()));
        long latest = Long.MIN_VALUE;
        for (String line : corpus.subList(0, cut)) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                latest = Math.max(latest, d.event().tsUs());
            }
        }
        return latest;
    }

    static List<String> sorted(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.naturalOrder());
        return all;
    }

    /** Collects descriptions of the episodes into {@link #RECEIVED} (the MiniCluster shares this JVM). */
    record Received(String run) implements Sink<Episode> {
        @Override
        public SinkWriter<Episode> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Episode e, Context c) {
                    RECEIVED.get(run).add(describe(e));
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
