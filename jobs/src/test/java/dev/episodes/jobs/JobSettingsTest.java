package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster job's store settings: the cluster's file-system keys, then --config, then -D. */
class JobSettingsTest {
    @Test
    void clusterKeysThenTheConfigFileThenDashD(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("job.properties");
        Files.writeString(conf, "s3.access-key=from-file\ns3.path.style.access=true\n");
        StreamJob job = new StreamJob();
        assertTrue(JobArguments.parse(job, new String[] {"--config", conf.toString(), "--bootstrap", "h:9092",
                "--out", "s3://episodes/data", "-D", "s3.endpoint=http://from-flag:9000"}));
        assertEquals("s3://episodes/data", job.flags.out().uri());
        Configuration cluster = new Configuration();
        cluster.setString("s3.endpoint", "http://from-cluster:9000");
        cluster.setString("s3.secret-key", "cluster-secret");
        cluster.setString("taskmanager.numberOfTaskSlots", "2");
        StoreSettings s = JobArguments.settings(job.flink, cluster);
        assertEquals("http://from-flag:9000", s.get("s3.endpoint"), "-D wins");
        assertEquals("from-file", s.get("s3.access-key"));
        assertEquals("true", s.get("s3.path.style.access"));
        assertEquals("cluster-secret", s.get("s3.secret-key"), "the cluster's credentials when the job gives none");
        assertNull(s.get("taskmanager.numberOfTaskSlots"), "only the file systems' keys of the cluster");
        assertFalse(s.toString().contains("cluster-secret"), s.toString());
    }

    @Test
    void everyClusterJobTakesDashD() {
        ReplayJob replay = new ReplayJob();
        JobArguments.parse(replay, new String[] {"--input", "in", "--out", "hdfs://nn/ds", "-Dfs.default-scheme=hdfs://nn"});
        assertEquals("hdfs://nn", JobArguments.settings(replay.flink, null).get("fs.default-scheme"));
        NightlyJob nightly = new NightlyJob();
        JobArguments.parse(nightly, new String[] {"--input", "in", "--out", "o", "-D", "s3.endpoint=http://x:1"});
        assertEquals("http://x:1", JobArguments.settings(nightly.flink, new Configuration()).get("s3.endpoint"));
    }
}
