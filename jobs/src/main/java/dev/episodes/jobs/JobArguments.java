package dev.episodes.jobs;

import dev.episodes.cli.ConfigFile;
import dev.episodes.cli.FlinkSettingsFlags;
import dev.episodes.storage.StoreSettings;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ReadableConfig;
import picocli.CommandLine;

/**
 * Reads a cluster job's arguments with the CLI's own flag definitions ({@code --config FILE} included).
 * A bad flag is an exception, never an exit: submitted over REST, a job's main runs inside the JobManager.
 */
final class JobArguments {
    private JobArguments() {}

    /** Fills {@code job}'s flags; false when only help was asked for (and printed). */
    static boolean parse(Object job, String[] args) {
        CommandLine cli = new CommandLine(job);
        try {
            ConfigFile.Parsed parsed = ConfigFile.read(args, cli);
            cli.getCommandSpec().mixins().values().stream().map(m -> m.userObject())
                    .filter(FlinkSettingsFlags.class::isInstance).map(FlinkSettingsFlags.class::cast)
                    .forEach(f -> f.configFile(parsed.flinkSettings()));
            cli.parseArgs(parsed.args());
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + cli.getCommandName() + " --help lists the flags)", e);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            cli.usage(System.out);
            return false;
        }
        return true;
    }

    /** First segments of the file systems' keys in a cluster's configuration. */
    private static final java.util.Set<String> FILE_SYSTEM_KEYS = java.util.Set.of("s3", "s3a", "fs", "hadoop", "gs",
            "oss", "presto", "azure");

    /**
     * The job's store settings: the cluster's own file-system keys ({@code s3.*}, {@code fs.*},
     * {@code hadoop.*} of its {@code config.yaml}, which its TaskManagers' file systems were started with),
     * then the {@code --config} file's, then {@code -D}. Never applied in the cluster's JVM: the pipeline's
     * operators carry them.
     */
    static StoreSettings settings(FlinkSettingsFlags flags, ReadableConfig cluster) {
        Map<String, String> base = new TreeMap<>();
        if (cluster != null) {
            cluster.toMap().forEach((k, v) -> {
                int dot = k.indexOf('.');
                if (dot > 0 && FILE_SYSTEM_KEYS.contains(k.substring(0, dot))) {
                    base.put(k, v);
                }
            });
        }
        return flags.settings(base);
    }
}
