package dev.episodes.testing;

import dev.episodes.storage.StoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in this JVM (Hadoop's MiniDFSCluster: a namenode and one datanode on 127.0.0.1) for tests.
 * The namenode and the datanode can be stopped and started again (outages).
 */
public final class LocalHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private MiniDFSCluster.DataNodeProperties stoppedDataNode;

    private LocalHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    public static LocalHdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toAbsolutePath().toString());
        conf.setInt("dfs.replication", 1);
        conf.setInt("ipc.client.connect.max.retries", 1);
        conf.setInt("ipc.client.connect.retry.interval", 100);
        conf.setInt("dfs.namenode.safemode.extension", 0);
        // A restarted namenode or datanode is back once the datanode's next heartbeat registers it: every
        // second, not every 3 (a datanode still counts as dead only after 10 minutes without one).
        conf.setLong("dfs.heartbeat.interval", 1);
        MiniDFSCluster c = new MiniDFSCluster.Builder(conf, dir.toAbsolutePath().toFile())
                .numDataNodes(1).format(true).build();
        c.waitActive();
        return new LocalHdfs(c);
    }

    /** The file system's root, {@code hdfs://127.0.0.1:port}. */
    public String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /**
     * Settings for Flink's HDFS file system: one replica (one datanode), and a client that gives up on a
     * stopped namenode or datanode in about a second instead of retrying for a minute (Hadoop's keys through
     * Flink's {@code flink.hadoop.} prefix).
     */
    public StoreSettings settings() {
        return new StoreSettings(Map.of(
                "flink.hadoop.dfs.replication", "1",
                "flink.hadoop.ipc.client.connect.max.retries", "2",
                "flink.hadoop.ipc.client.connect.retry.interval", "200",
                "flink.hadoop.ipc.client.connect.max.retries.on.timeouts", "2",
                "flink.hadoop.ipc.client.connect.timeout", "2000",
                "flink.hadoop.dfs.client.retry.policy.enabled", "false",
                // A file's close waits for the datanode to report its last block: poll after 50 ms, not 400
                // (most of these tests' time was that sleep, once per file), and still give up in about 1.5 s
                // (0, 50, 150, 350, 750, 1550 ms) when the datanode is gone.
                "flink.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "50",
                "flink.hadoop.dfs.client.block.write.locateFollowingBlock.retries", "5",
                // a block on a stopped datanode: give up after one quick round instead of three 3-second waits
                "flink.hadoop.dfs.client.max.block.acquire.failures", "1",
                "flink.hadoop.dfs.client.retry.window.base", "100"));
    }

    public void stopNameNode() {
        cluster.shutdownNameNode(0);
    }

    public void restartNameNode() throws IOException {
        cluster.restartNameNode(0, true);
    }

    public void stopDataNode() {
        stoppedDataNode = cluster.stopDataNode(0);
    }

    public void restartDataNode() throws IOException {
        cluster.restartDataNode(stoppedDataNode, true);
        cluster.waitActive();
    }

    public void stop() {
        cluster.shutdown();
    }

    @Override
    public void close() {
        stop();
    }
}
