package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.storage.Store;
import dev.episodes.identity.IdentityScope;
import dev.episodes.identity.TimeScope;
import dev.episodes.writing.DatasetScopes;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.inspect.DatasetInspector;
import dev.episodes.inspect.DatasetOverview;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.StepRows;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The job jar on a real Flink standalone cluster, started, fed and operated with deploy/local's scripts
 * (one deployment, {@code start --s3}, for both tests: starting it was a fifth of each test's time).
 * <p>To files: submitted over REST at parallelism 1, it writes what a file replay of the same events writes;
 * stopped with a savepoint and resumed from it at parallelism 2, it goes on with more events and, in the end,
 * holds exactly what a replay of everything published holds: nothing lost, nothing twice, nothing late.
 * Then the nightly build of that day, submitted to the same cluster, holds the same rows. While the first
 * job runs, the Prometheus reporter's endpoints export every metric on-call watches ({@link ClusterMetricsCheck}).
 * <p>To S3: the job writes its dataset to deploy/local's S3 server with only the settings {@code start --s3}
 * prints: submitted over REST, stopped with a savepoint and resumed from it with {@code --until-latest}, it
 * ends holding exactly what a file replay of the same events writes to a local folder, read back from the
 * server's own folder on disk (S3Proxy keeps objects as plain files), with no dead letter and nothing under a
 * partition that its manifest does not name. It reads topics and a consumer group of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamJobOnClusterITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path JOB_JAR = MODULE.resolve("target/episodes-job.jar");
    private static final Duration COMMITTED_WITHIN = Duration.ofSeconds(120);
    private static final Duration FINISHED_WITHIN = Duration.ofSeconds(120);
    private static final Pattern TS_US = Pattern.compile("\"ts_us\":(\\d+)");
    private static final String PREFIX = "stream";
    private static final Path DIR = MODULE.resolve("target/cluster-it"); // kept after the run: logs of every process

    static LocalDeployment local;

    @BeforeAll
    static void startDeployment() throws Exception {
        DatasetCommitter.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        long t0 = System.nanoTime();
        local = LocalDeployment.start(MODULE.getParent(), DIR.resolve("local"), true);
        System.out.printf("cluster tests: deployment started in %.1f s%n", seconds(t0, System.nanoTime()));
    }

    @AfterAll
    static void stopDeployment() throws Exception {
        if (local != null) {
            local.close();
        }
    }

    @Test
    @Order(1)
    void streamsOnAClusterAndResumesFromASavepointAtAnotherParallelism() throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("to-files"));
        Path keyFile = dir.resolve("pseudonym.key");
        Files.writeString(keyFile, "cluster-test-key-0123456789");
        Path out = dir.resolve("dataset");
        Path published = dir.resolve("published.jsonl"); // everything sent, in order: the reference's input
        Files.createFile(published);

        long started = System.nanoTime();
        KafkaSettings topics = KafkaSettings.defaults(local.bootstrap());
        List<String> flags = List.of("--bootstrap", local.bootstrap(), "--out", out.toString(),
                "--starting-offsets", "earliest", "--checkpoint-interval", "2s",
                "--pseudonym-key-file", keyFile.toString());

        publish(dir.resolve("first.jsonl"), GeneratorSettings.of(4, Duration.ofMinutes(5), 21), topics, published, "l1");
        String job = local.submit(JOB_JAR, "stream", 1, flags);
        assertEquals(1, local.parallelism(job));
        List<String> firstExpected = replay(published, dir.resolve("replay-first"), keyFile);
        awaitCommitted(out, firstExpected, local);
        assertEquals(firstExpected, StepRows.of(out), "the cluster's shards hold what a replay writes");
        assertEquals(IdentityScope.EPISODE, DatasetScopes.identity(Store.local(out)), "a new root's default scope");
        long firstDone = System.nanoTime();
        // What on-call's Prometheus sees of the running job (deploy/grafana/pipeline-metrics.txt).
        ClusterMetricsCheck.check(local, job, MODULE.getParent(), Files.readAllLines(published).size(),
                committedSteps(out), committed(out, "episodes"), lastEventTime(published), dir.resolve("scrape.txt"));
        long scraped = System.nanoTime();

        String savepoint = local.stopWithSavepoint(job);
        String resumed = local.resume(JOB_JAR, savepoint, 2, "stream", flags);
        assertEquals(2, local.parallelism(resumed), "resumed at another parallelism");
        long resumedAt = System.nanoTime();
        GeneratorSettings later = new GeneratorSettings(4, Duration.ofMinutes(5), 22,
                GeneratorSettings.DEFAULT_START.plus(Duration.ofHours(3)), 0.02, 0.0, Duration.ofSeconds(3));
        publish(dir.resolve("second.jsonl"), later, topics, published, "l2");
        List<String> allExpected = replay(published, dir.resolve("replay-all"), keyFile);
        assertTrue(allExpected.size() > firstExpected.size() + 100, "the second part adds steps");
        awaitCommitted(out, allExpected, local);
        assertEquals(allExpected, StepRows.of(out), "after savepoint and rescaling: nothing lost, nothing twice");
        assertEquals(0, deadLetters(topics), "nothing read twice after the resume (it would be late)");
        long secondDone = System.nanoTime();

        // The nightly build of the same day from the same topics, submitted to the same cluster (the
        // streaming job stopped to free its slots): the job publishes its partition itself.
        local.stopWithSavepoint(resumed);
        Path nightly = dir.resolve("nightly");
        String day = GeneratorSettings.DEFAULT_START.toString().substring(0, 10);
        String build = local.submit(JOB_JAR, "nightly", 2, List.of("--date", day, "--bootstrap", local.bootstrap(),
                "--out", nightly.toString(), "--pseudonym-key-file", keyFile.toString()));
        Path built = nightly.resolve("dt=" + day);
        Await.until("the nightly partition", COMMITTED_WITHIN, () -> {
            String state = local.state(build);
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new AssertionError("the nightly job is " + state + "; logs in " + local.dir());
            }
            return state.equals("FINISHED") && Files.exists(built.resolve("_SUCCESS"));
        });
        assertEquals(StepRows.ofPartition(out.resolve("dt=" + day)), StepRows.ofPartition(built),
                "the nightly build on the cluster holds the streaming job's rows of that day");

        System.out.printf("cluster test: first part %.1f s, metrics %.1f s, savepoint and resume %.1f s, "
                        + "second part %.1f s, nightly %.1f s%n", seconds(started, firstDone),
                seconds(firstDone, scraped), seconds(scraped, resumedAt), seconds(resumedAt, secondDone), seconds(secondDone, System.nanoTime()));
    }

    @Test
    @Order(2)
    void streamsIntoS3AndResumesFromASavepoint() throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("to-s3"));
        Path keyFile = dir.resolve("pseudonym.key");
        Files.writeString(keyFile, "cluster-s3-test-key-0123456789");
        Path published = dir.resolve("published.jsonl");
        Files.createFile(published);

        long started = System.nanoTime();
        Path onDisk = local.s3Bucket().resolve(PREFIX); // what the server stores for s3://episodes/stream
        // Topics and a group of its own: the other test's job read and committed the default ones.
        KafkaSettings topics = new KafkaSettings(local.bootstrap(), "s3.keys", "s3.mouse", "s3.context",
                "s3.consent", "s3.deadletter", "episodes-s3", "committed", false, Duration.ofSeconds(60));
        List<String> flags = new ArrayList<>(List.of("--bootstrap", local.bootstrap(),
                "--keys-topic", topics.keysTopic(), "--mouse-topic", topics.mouseTopic(),
                "--context-topic", topics.contextTopic(), "--consent-topic", topics.consentTopic(),
                "--dead-letter-topic", topics.deadLetterTopic(), "--group-id", topics.groupId(),
                "--out", "s3://episodes/" + PREFIX, "--starting-offsets", "earliest",
                "--checkpoint-interval", "2s", "--pseudonym-key-file", keyFile.toString()));
        flags.addAll(local.s3Flags());

        publish(dir.resolve("first.jsonl"), GeneratorSettings.of(4, Duration.ofMinutes(5), 31),
                topics, published, "s1");
        String job = local.submit(JOB_JAR, "stream", 1, flags);
        List<String> firstExpected = replay(published, dir.resolve("replay-first"), keyFile);
        awaitCommitted(onDisk, firstExpected, local);
        assertEquals(firstExpected, StepRows.of(onDisk), "the shards in S3 hold what a local replay writes");
        long firstDone = System.nanoTime();

        String savepoint = local.stopWithSavepoint(job);
        GeneratorSettings later = new GeneratorSettings(4, Duration.ofMinutes(5), 32,
                GeneratorSettings.DEFAULT_START.plus(Duration.ofHours(3)), 0.02, 0.0, Duration.ofSeconds(3));
        publish(dir.resolve("second.jsonl"), later, topics, published, "s2");
        List<String> resumedFlags = new ArrayList<>(flags);
        resumedFlags.add("--until-latest");
        String resumed = local.resume(JOB_JAR, savepoint, 2, "stream", resumedFlags);
        List<String> allExpected = replay(published, dir.resolve("replay-all"), keyFile);
        assertTrue(allExpected.size() > firstExpected.size() + 100, "the second part adds steps");
        Await.until("the resumed job to reach the latest offsets and finish", FINISHED_WITHIN, () -> {
            String state = local.state(resumed);
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new AssertionError("the resumed job is " + state + "; logs in " + local.dir());
            }
            return state.equals("FINISHED");
        });
        long secondDone = System.nanoTime();

        assertEquals(allExpected, StepRows.of(onDisk), "after the savepoint: nothing lost, nothing twice, in S3");
        assertEquals(0, deadLetters(topics), "no dead letter");
        DatasetOverview overview = DatasetInspector.open(onDisk).overview(true);
        assertEquals(List.of(), overview.fileIssues(),
                "every file under a partition is named by its manifest, intact, no row twice, no temp file");
        assertEquals(allExpected.size(), overview.totals().steps(), "the manifests count every step once");
        assertEquals(List.of(), leftovers(onDisk), "no temporary or staged object anywhere in the dataset");

        System.out.printf("cluster S3 test: first part %.1f s, savepoint, resume and second part"
                        + " %.1f s, checks %.1f s%n", seconds(started, firstDone),
                seconds(firstDone, secondDone), seconds(secondDone, System.nanoTime()));
    }

    static void publish(Path corpus, GeneratorSettings settings, KafkaSettings topics, Path published,
            String laterIds) throws Exception {
        Corpus.write(corpus, settings);
        ActivityPublisher.publish(corpus, topics, Encoding.MIXED);
        Files.write(published, Files.readAllLines(corpus), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        LaterEvents.publish(corpus, topics, published, laterIds);
    }

    /**
     * The step rows a file replay of the same events writes, on an embedded cluster in this JVM, with the
     * identity scope the stream job gives a new root ({@code episode}, issue 17).
     */
    static List<String> replay(Path input, Path out, Path keyFile) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestOptions.BIND_PORT, "0");
        Path copy = out.resolveSibling(out.getFileName() + ".jsonl"); // the input as it is now
        Files.copy(input, copy);
        new ArchiveReplay(copy, out, PipelineConfig.defaults().withParallelism(2)
                        .withScopes(IdentityScope.EPISODE, TimeScope.ABSOLUTE),
                PseudonymKey.resolve(keyFile, Map.of())).run(StreamExecutionEnvironment.createLocalEnvironment(2, conf),
                Progress.NONE);
        List<String> rows = StepRows.of(out);
        assertTrue(rows.size() > 100, "steps: " + rows.size());
        return rows;
    }

    /** Until the committed manifests count the expected steps (they are rewritten atomically). */
    static void awaitCommitted(Path out, List<String> expected, LocalDeployment local) throws Exception {
        try {
            Await.until(expected.size() + " committed steps", COMMITTED_WITHIN, () -> committedSteps(out) >= expected.size());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (committed: " + committedSteps(out) + "; logs in "
                    + local.dir() + ")", e);
        }
    }

    static long committedSteps(Path out) throws Exception {
        return committed(out, "steps");
    }

    /** The manifests' totals of {@code what} (steps, episodes) over every partition. */
    static long committed(Path out, String what) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        long steps = 0;
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                Path manifest = p.resolve("_manifest.json");
                if (Files.exists(manifest)) {
                    steps += Json.MAPPER.readTree(manifest.toFile()).path("totals").path(what).asLong();
                }
            }
        }
        return steps;
    }

    /** The latest event time among the published lines. */
    static Instant lastEventTime(Path published) throws Exception {
        Matcher m = TS_US.matcher(Files.readString(published));
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return Instant.ofEpochSecond(max / 1_000_000, (max % 1_000_000) * 1000);
    }

    static int deadLetters(KafkaSettings topics) {
        Properties c = new Properties();
        c.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrap());
        c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check");
        c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topics.deadLetterTopic()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToInt(Long::intValue).sum();
        }
    }

    /** Objects a finished writer must not leave: temp files, hidden files, a staging folder. */
    private static List<String> leftovers(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).filter(key -> {
                String name = key.substring(key.lastIndexOf('/') + 1);
                return name.endsWith(".tmp") || name.startsWith(".") || key.startsWith(DatasetLayout.STAGING)
                        || key.contains("/_temporary");
            }).toList();
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
