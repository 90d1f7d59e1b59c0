package dev.episodes.storage;

import dev.episodes.storage.StoreCheck.StoreUnavailable;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.AccessControlException;

/**
 * The HDFS part of {@link StoreCheck}: one metadata call to the namenode from a client that gives up in
 * seconds (Hadoop's defaults retry a refused connection for tens of seconds per call).
 */
final class HdfsCheck {
    private HdfsCheck() {}

    static void reachable(Store store) throws StoreUnavailable {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.path("").toUri());
        URI nn;
        Configuration conf;
        try {
            org.apache.hadoop.fs.FileSystem h = HadoopPrimitives.hadoop(store.fileSystem(), store.path(""));
            nn = h.getUri();
            conf = new Configuration(h.getConf());
        } catch (IOException e) {
            throw new StoreUnavailable("cannot open " + store.uri() + ": " + e.getMessage(), e);
        }
        conf.setInt("ipc.client.connect.max.retries", 1);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
        conf.setInt("ipc.client.connect.timeout", 3000);
        conf.setInt("ipc.client.connect.retry.interval", 200);
        conf.setBoolean("dfs.client.retry.policy.enabled", false);
        conf.setInt("dfs.client.failover.max.attempts", 1);
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        try (org.apache.hadoop.fs.FileSystem probe = org.apache.hadoop.fs.FileSystem.newInstance(nn, conf)) {
            probe.exists(root);
        } catch (AccessControlException e) {
            throw new StoreUnavailable("HDFS refused access to " + store.uri() + ": " + firstLine(e), e);
        } catch (IOException e) {
            throw new StoreUnavailable("cannot reach the namenode " + nn + " (" + e.getClass().getSimpleName() + ": "
                    + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
