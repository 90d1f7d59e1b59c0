package dev.episodes.storage;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;

/**
 * The file-system settings of a run: Flink's own keys ({@code s3.endpoint}, {@code s3.path.style.access},
 * {@code s3.access-key}, {@code s3.secret-key}, {@code fs.*}, {@code hadoop.*}…) from the {@code --config}
 * file and {@code -D key=value}. A process that runs jobs in its own JVM (the CLI) initialises Flink's
 * file systems with them once; operators carry them so that the commit point on S3 reaches the same
 * endpoint with the same credentials as Flink's S3 file system. Absent credentials mean the AWS default
 * chain (environment, profile, instance or pod role).
 */
public record StoreSettings(Map<String, String> keys) implements Serializable {
    private static volatile StoreSettings current = new StoreSettings(Map.of());

    public StoreSettings {
        keys = Map.copyOf(new TreeMap<>(keys));
    }

    public static StoreSettings none() {
        return new StoreSettings(Map.of());
    }

    /** The settings this process initialised its file systems with (none until {@link #apply}). */
    public static StoreSettings current() {
        return current;
    }

    /**
     * Initialises Flink's file systems of this JVM with these settings (and the plugins under
     * {@code FLINK_PLUGINS_DIR}, when that names a folder). For processes that own their JVM: never
     * call it inside a task of a shared cluster.
     */
    public void apply() throws IOException {
        Configuration conf = Configuration.fromMap(keys);
        String pluginsDir = System.getenv("FLINK_PLUGINS_DIR");
        PluginManager plugins = pluginsDir != null && new File(pluginsDir).isDirectory()
                ? PluginUtils.createPluginManagerFromRootFolder(conf) : null;
        FileSystem.initialize(conf, plugins);
        current = this;
    }

    /**
     * Makes these the settings new runs of this process carry, without touching Flink's file systems:
     * for a job's main on a cluster, whose file systems are the cluster's own.
     */
    public void makeCurrent() {
        current = this;
    }

    public String get(String key) {
        return keys.get(key);
    }

    public String get(String key, String fallback) {
        return keys.getOrDefault(key, fallback);
    }

    /** The same settings with a key set. */
    public StoreSettings with(String key, String value) {
        Map<String, String> m = new TreeMap<>(keys);
        m.put(key, value);
        return new StoreSettings(m);
    }

    /** For logs and reports: secrets masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        keys.forEach((k, v) -> shown.put(k, k.contains("secret") || k.contains("password") || k.contains("token")
                ? "******" : v));
        return shown.toString();
    }
}
