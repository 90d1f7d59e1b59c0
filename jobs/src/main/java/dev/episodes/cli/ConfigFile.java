package dev.episodes.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code --config FILE}: a properties file whose keys are flag names without dashes; flags given win. */
public final class ConfigFile {
    private ConfigFile() {}

    /** Takes {@code --config FILE} out of the arguments and makes it the source of defaults of {@code cli}. */
    public static String[] apply(String[] args, CommandLine cli) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") || args[i].startsWith("--config=")) {
                String value = args[i].startsWith("--config=") ? args[i].substring(9)
                        : i + 1 < args.length ? args[++i] : null;
                if (value == null || !Files.isRegularFile(Path.of(value))) {
                    throw new IllegalArgumentException("--config needs an existing properties file, got " + value);
                }
                cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(new File(value)));
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }
}
