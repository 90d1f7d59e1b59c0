package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import dev.episodes.testing.HdfsServer;
import dev.episodes.testing.S3Server;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.ShardReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar alone (a separate JVM, its own classpath) replays into HDFS and into S3 and reads the
 * result back with inspect: the test JVM's classpath carries Hadoop's client, the jar must carry it too
 * (hdfs:// once failed there for want of it), and S3 comes from Flink's plugin folder.
 */
class StoresJarITCase {
    @RegisterExtension
    static final HdfsServer HDFS = new HdfsServer();

    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @Test
    void theJarReplaysIntoHdfsAndS3WhatItReplaysLocally(@TempDir Path dir) throws Exception {
        // This JVM reads both stores back: Flink's file systems with both servers' settings.
        java.util.Map<String, String> both = new java.util.TreeMap<>(HDFS.settings().keys());
        both.putAll(S3.settings().keys());
        new dev.episodes.storage.StoreSettings(both).apply();
        RunnableJarITCase.Result gen = RunnableJarITCase.run(dir, "generate", "--out", "in.jsonl", "--people", "2",
                "--minutes", "4", "--seed", "14");
        assertEquals(0, gen.code(), gen.out());
        RunnableJarITCase.Result local = RunnableJarITCase.run(dir, "replay", "--input", "in.jsonl", "--out", "local",
                "--pseudonym-key-file", TestKey.path());
        assertEquals(0, local.code(), local.out());
        List<String> expected = steps(Store.local(dir.resolve("local")));
        assertTrue(expected.size() > 20, "steps: " + expected.size());

        String hdfs = HDFS.uri("from-jar");
        RunnableJarITCase.Result toHdfs = RunnableJarITCase.run(dir, "replay", "--input", "in.jsonl", "--out", hdfs,
                "--pseudonym-key-file", TestKey.path());
        assertEquals(0, toHdfs.code(), toHdfs.out());
        assertEquals(expected, steps(Store.of(hdfs)), "the same rows in HDFS");
        RunnableJarITCase.Result verifyHdfs = RunnableJarITCase.run(dir, "inspect", hdfs, "--verify");
        assertEquals(0, verifyHdfs.code(), verifyHdfs.out());

        String s3 = S3.uri("from-jar");
        List<String> flags = new ArrayList<>(List.of("replay", "--input", "in.jsonl", "--out", s3,
                "--pseudonym-key-file", TestKey.path()));
        S3.settings().keys().forEach((k, v) -> flags.addAll(List.of("-D", k + "=" + v)));
        RunnableJarITCase.Result toS3 = RunnableJarITCase.run(dir, flags.toArray(String[]::new));
        assertEquals(0, toS3.code(), toS3.out());
        assertTrue(!toS3.out().contains(S3.settings().get("s3.secret-key")), "the secret is never printed");
        assertEquals(expected, steps(Store.of(s3, S3.settings())), "the same rows in S3");
    }

    /** Every step row the current manifests name, in order (the run id aside: roots differ). */
    static List<String> steps(Store store) throws Exception {
        List<String> rows = new ArrayList<>();
        for (var p : store.list("")) {
            if (!p.directory() || !p.name().startsWith("dt=")) {
                continue;
            }
            var m = new PartitionLog(store, p.name(), Duration.ofHours(1)).current().manifest();
            for (var f : m.files()) {
                if (f.table().equals("steps")) {
                    for (GenericRecord r : ShardReader.read(store, p.name() + "/" + f.path())) {
                        rows.add(r.toString());
                    }
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
