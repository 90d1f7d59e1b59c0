package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.storage.Store;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded build killed in another process after its writers uploaded shards (and with one file half
 * written) published nothing; its rerun removes what the killed attempt left, so no orphan and no temp
 * file remains under any partition; a second rerun of the same input is byte-identical and makes no
 * new manifest version.
 */
class BoundedRerunITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final GeneratorSettings SETTINGS = KilledBuildWriter.settings();

    @TempDir
    Path dir;

    @Test
    void aRerunAfterAKillLeavesNoOrphanAndARebuildIsANoOp() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Corpus.write(input.resolve("a.jsonl"), SETTINGS);
        Path root = dir.resolve("ds");
        ArchiveReplay replay = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2), TestKey.KEY);
        String runId = replay.runId();

        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), KilledBuildWriter.class.getName(), root.toString(), runId)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            Await.until("the other process to upload its shards", Duration.ofSeconds(60), () -> {
                String line = out.readLine();
                if (line == null) {
                    throw new AssertionError("the writer process ended before writing");
                }
                return line.equals("written") ? true : null;
            });
            killed.destroyForcibly(); // kill -9 before any commit
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        } finally {
            killed.destroyForcibly();
        }
        Set<String> leftByTheKill = partitionFiles(root);
        assertTrue(leftByTheKill.stream().anyMatch(f -> f.contains("/steps/part-" + runId + "-7.parquet")),
                leftByTheKill.toString());
        assertTrue(leftByTheKill.stream().noneMatch(f -> f.endsWith(DatasetLayout.MANIFEST)), "nothing was committed");

        assertTrue(replay.run(Flink.env(), Progress.NONE).accountedFor());
        Store store = Store.local(root);
        for (String f : partitionFiles(root)) {
            assertFalse(f.endsWith(".tmp"), f);
        }
        Map<String, Long> versions = new TreeMap<>();
        for (String partition : partitions(root)) {
            Manifest m = new PartitionLog(store, partition, Duration.ofHours(24)).current().manifest();
            Set<String> named = new TreeSet<>();
            m.files().forEach(f -> named.add(partition + "/" + f.path()));
            m.retired().forEach(r -> named.add(r.path()));
            named.addAll(m.audit());
            for (String f : partitionFiles(root)) {
                boolean data = f.startsWith(partition + "/steps/") || f.startsWith(partition + "/episodes/")
                        || f.startsWith(DatasetLayout.AUDIT + "/" + partition + "/");
                if (data) {
                    assertTrue(named.contains(f), "unreferenced file left under the partition: " + f);
                }
            }
            versions.put(partition, m.version());
        }
        assertFalse(versions.isEmpty());
        assertFalse(Files.exists(root.resolve(DatasetLayout.STAGING)));

        Map<String, String> before = NightlyBuildITCase.snapshot(root);
        assertTrue(new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2), TestKey.KEY)
                .run(Flink.env(), Progress.NONE).accountedFor());
        assertEquals(before, NightlyBuildITCase.snapshot(root), "a rebuild of the same input is byte-identical");
        for (String partition : versions.keySet()) {
            assertEquals(versions.get(partition),
                    new PartitionLog(store, partition, Duration.ofHours(24)).current().version(),
                    "no new manifest version for " + partition);
        }
    }

    static Set<String> partitions(Path root) throws Exception {
        try (Stream<Path> list = Files.list(root)) {
            return new TreeSet<>(list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dt=")).toList());
        }
    }

    /** Every file under the partitions and their audit folders, relative to the root. */
    static Set<String> partitionFiles(Path root) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
                    .filter(f -> f.startsWith("dt=") || f.startsWith(DatasetLayout.AUDIT + "/dt=")).forEach(out::add);
        }
        return out;
    }
}
