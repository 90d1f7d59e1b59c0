package dev.episodes.cli;

import dev.episodes.storage.StoreSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -D key=value}: a Flink setting, as with Flink's own tools ({@code -Ds3.endpoint=http://…},
 * {@code -D s3.path.style.access=true}, {@code -D fs.*}, {@code -D hadoop.*}). Repeatable, on every
 * command (inherited from {@code episodes}) and on the cluster jobs. With the Flink keys of the
 * {@code --config} file they make the run's {@link StoreSettings}; {@code -D} wins over the file.
 */
public final class FlinkSettingsFlags {
    @Option(names = "-D", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "A Flink setting, e.g. -D s3.endpoint=http://127.0.0.1:9000 -D s3.path.style.access=true "
                    + "(repeatable; also from --config FILE; the S3 credentials s3.access-key / s3.secret-key, "
                    + "else the AWS default chain).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The {@code --config} file's Flink keys ({@link ConfigFile#read}); {@code -D} wins over them. */
    private Map<String, String> fromConfigFile = Map.of();

    public void configFile(Map<String, String> keys) {
        fromConfigFile = Map.copyOf(keys);
    }

    /** The run's settings: the {@code --config} file's Flink keys, then {@code -D} over them. */
    public StoreSettings settings() {
        return settings(Map.of());
    }

    /**
     * The run's settings over {@code base} (a cluster's own file-system keys): base, then the
     * {@code --config} file's Flink keys, then {@code -D}.
     */
    public StoreSettings settings(Map<String, String> base) {
        Map<String, String> all = new TreeMap<>(base);
        all.putAll(fromConfigFile);
        settings.forEach((k, v) -> {
            String key = k.strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("-D needs key=value, got '=" + v + "'");
            }
            all.put(key, v == null ? "" : v.strip());
        });
        return new StoreSettings(all);
    }
}
