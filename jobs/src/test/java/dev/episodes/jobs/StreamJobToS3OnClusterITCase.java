package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.KafkaSettings;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.inspect.DatasetInspector;
import dev.episodes.inspect.DatasetOverview;
import dev.episodes.testing.Await;
import dev.episodes.testing.StepRows;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The job jar on deploy/local's standalone cluster writing its dataset to deploy/local's S3 server
 * ({@code start --s3}), with only the settings that script prints: submitted over REST, stopped with a
 * savepoint and resumed from it with {@code --until-latest}, it ends holding exactly what a file replay of
 * the same events writes to a local folder, read back from the server's own folder on disk (S3Proxy keeps
 * objects as plain files), with no dead letter and nothing under a partition that its manifest does not name.
 */
class StreamJobToS3OnClusterITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path JOB_JAR = MODULE.resolve("target/episodes-job.jar");
    private static final Duration FINISHED_WITHIN = Duration.ofSeconds(120);
    private static final String PREFIX = "stream";

    @Test
    void streamsIntoS3AndResumesFromASavepoint() throws Exception {
        Path dir = MODULE.resolve("target/cluster-s3-it"); // kept after the run: logs of every process
        DatasetCommitter.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("pseudonym.key");
        Files.writeString(keyFile, "cluster-s3-test-key-0123456789");
        Path published = dir.resolve("published.jsonl");
        Files.createFile(published);

        long t0 = System.nanoTime();
        try (LocalDeployment local = LocalDeployment.start(MODULE.getParent(), dir.resolve("local"), true)) {
            long started = System.nanoTime();
            Path onDisk = local.s3Bucket().resolve(PREFIX); // what the server stores for s3://episodes/stream
            KafkaSettings topics = KafkaSettings.defaults(local.bootstrap());
            List<String> flags = new ArrayList<>(List.of("--bootstrap", local.bootstrap(),
                    "--out", "s3://episodes/" + PREFIX, "--starting-offsets", "earliest",
                    "--checkpoint-interval", "2s", "--pseudonym-key-file", keyFile.toString()));
            flags.addAll(local.s3Flags());

            StreamJobOnClusterITCase.publish(dir.resolve("first.jsonl"), GeneratorSettings.of(4, Duration.ofMinutes(5), 31),
                    topics, published, "s1");
            String job = local.submit(JOB_JAR, "stream", 1, flags);
            List<String> firstExpected = StreamJobOnClusterITCase.replay(published, dir.resolve("replay-first"), keyFile);
            StreamJobOnClusterITCase.awaitCommitted(onDisk, firstExpected, local);
            assertEquals(firstExpected, StepRows.of(onDisk), "the shards in S3 hold what a local replay writes");
            long firstDone = System.nanoTime();

            String savepoint = local.stopWithSavepoint(job);
            GeneratorSettings later = new GeneratorSettings(4, Duration.ofMinutes(5), 32,
                    GeneratorSettings.DEFAULT_START.plus(Duration.ofHours(3)), 0.02, 0.0, Duration.ofSeconds(3));
            StreamJobOnClusterITCase.publish(dir.resolve("second.jsonl"), later, topics, published, "s2");
            List<String> resumedFlags = new ArrayList<>(flags);
            resumedFlags.add("--until-latest");
            String resumed = local.resume(JOB_JAR, savepoint, 2, "stream", resumedFlags);
            List<String> allExpected = StreamJobOnClusterITCase.replay(published, dir.resolve("replay-all"), keyFile);
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
            assertEquals(0, StreamJobOnClusterITCase.deadLetters(topics), "no dead letter");
            DatasetOverview overview = DatasetInspector.open(onDisk).overview(true);
            assertEquals(List.of(), overview.fileIssues(),
                    "every file under a partition is named by its manifest, intact, no row twice, no temp file");
            assertEquals(allExpected.size(), overview.totals().steps(), "the manifests count every step once");
            assertEquals(List.of(), leftovers(onDisk), "no temporary or staged object anywhere in the dataset");

            System.out.printf("cluster S3 test: start %.1f s, first part %.1f s, savepoint, resume and second part"
                            + " %.1f s, checks %.1f s%n", seconds(t0, started), seconds(started, firstDone),
                    seconds(firstDone, secondDone), seconds(secondDone, System.nanoTime()));
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
