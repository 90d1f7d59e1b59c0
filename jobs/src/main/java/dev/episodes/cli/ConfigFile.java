package dev.episodes.cli;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a properties file whose keys are flag names without dashes (or
 * {@code <command>.<flag>}); flags given win. A key no command knows is an error naming it, with the
 * nearest known key: a typo must not silently run with the default. Keys of Flink's own settings
 * ({@code s3.endpoint}, {@code fs.*}, {@code hadoop.*}, {@code state.*}…, see {@link #FLINK_PREFIXES}) are
 * not flags: they pass through as the run's Flink settings, as in Flink's {@code config.yaml}.
 */
public final class ConfigFile {
    /** First segments of Flink's configuration keys (and the file systems' own: s3, fs, hadoop, gs…). */
    static final Set<String> FLINK_PREFIXES = Set.of("s3", "s3a", "fs", "hadoop", "gs", "oss", "presto", "azure",
            "state", "execution", "taskmanager", "jobmanager", "rest", "high-availability", "restart-strategy",
            "pipeline", "metrics", "security", "pekko", "cluster", "env", "kubernetes", "parallelism", "heartbeat",
            "blob", "web", "table", "classloader", "akka");

    private ConfigFile() {}

    /** The arguments without {@code --config FILE}, and the file's Flink settings (empty without one). */
    public record Parsed(String[] args, Map<String, String> flinkSettings) {}

    /** Takes {@code --config FILE} out of the arguments and makes it the source of defaults of {@code cli}. */
    public static String[] apply(String[] args, CommandLine cli) {
        return read(args, cli).args();
    }

    /** As {@link #apply}, and returns the file's Flink settings too. */
    public static Parsed read(String[] args, CommandLine cli) {
        Map<String, String> flink = new TreeMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") || args[i].startsWith("--config=")) {
                String value = args[i].startsWith("--config=") ? args[i].substring(9)
                        : i + 1 < args.length ? args[++i] : null;
                if (value == null || !Files.isRegularFile(Path.of(value))) {
                    throw new IllegalArgumentException("--config needs an existing properties file, got " + value);
                }
                flink.putAll(checkKeys(Path.of(value), cli));
                cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(new File(value)));
            } else {
                rest.add(args[i]);
            }
        }
        return new Parsed(rest.toArray(String[]::new), Map.copyOf(flink));
    }

    /** A key of Flink's settings rather than a flag: its first segment is one of {@link #FLINK_PREFIXES}. */
    static boolean isFlinkKey(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && dot < key.length() - 1 && FLINK_PREFIXES.contains(key.substring(0, dot));
    }

    /** Refuses keys that are neither flags nor Flink settings; returns the Flink settings. */
    static Map<String, String> checkKeys(Path file, CommandLine cli) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--config " + file + " is not a readable properties file: "
                    + e.getMessage());
        }
        Set<String> commands = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        collect(cli.getCommandSpec(), commands, known);
        Map<String, String> flink = new TreeMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (isFlinkKey(key)) {
                flink.put(key, p.getProperty(key).strip());
                continue;
            }
            int dot = key.lastIndexOf('.');
            String flag = key.substring(dot + 1);
            boolean prefixOk = dot < 0 || List.of(key.substring(0, dot).split("\\.")).stream().allMatch(commands::contains);
            if (!prefixOk || !known.contains(flag)) {
                String nearest = nearest(flag, known);
                throw new IllegalArgumentException("unknown key '" + key + "' in --config " + file + " ("
                        + (nearest != null ? "did you mean '" + nearest + "'? " : "")
                        + "keys are flag names without dashes, e.g. session-gap=10m, or Flink settings such as "
                        + "s3.endpoint=...)");
            }
        }
        return flink;
    }

    private static void collect(CommandSpec spec, Set<String> commands, Set<String> known) {
        commands.add(spec.name());
        for (OptionSpec o : spec.options()) {
            known.add(o.longestName().replaceFirst("^-+", ""));
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), commands, known));
    }

    /** The known key closest to {@code key}, if it is close enough to be a typo. */
    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(1, key.length() / 4) && bestDistance < key.length() ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
