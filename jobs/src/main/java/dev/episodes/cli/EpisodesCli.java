package dev.episodes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./episodes}: the command line of the episode pipeline. Every command follows one policy: a
 * problem is one {@code error: <what> (<what to do>)} line on stderr and an exit code from
 * {@link ExitCode}; the full usage only for {@code --help}; a stack trace only with {@code --verbose}
 * or {@code EPISODES_DEBUG=1}.
 */
@Command(name = "episodes", mixinStandardHelpOptions = true, version = "activity-episodes 0.1.0",
        description = "Turn recorded computer activity into privacy-safe, model-ready training episodes.",
        subcommands = {ReplayCommand.class, StreamCommand.class, PublishCommand.class, GenerateCommand.class,
                DemoCommand.class, EraseCommand.class, ExpireCommand.class, InspectCommand.class, BenchCommand.class,
                NightlyCommand.class, ViewCommand.class, CompactCommand.class},
        footer = {"", "Any pipeline flag can also come from --config FILE (properties; keys are flag names "
                + "without dashes; an unknown key is an error). Flags given on the command line win.",
                "Flink settings (s3.endpoint, s3.path.style.access, s3.access-key, s3.secret-key, fs.*, hadoop.*...) "
                        + "come from -D key=value on any command or from the same --config file; every dataset "
                        + "root may be a local folder or a URI: s3://bucket/prefix, hdfs://namenode/path, gs://...",
                "--verbose (or " + ErrorLine.DEBUG_ENV + "=1) prints the stack trace of an unexpected error.",
                "Exit codes: 0 ok, 1 nothing found or a disagreement, 2 bad usage or input refused before work, "
                        + "3 counts do not add up, 4 the run failed, 5 stalled (no progress for --stall-timeout)."})
public final class EpisodesCli implements Callable<Integer> {
    static final String VERBOSE = "--verbose";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code -D key=value} on any command (inherited by every subcommand). */
    @CommandLine.Mixin
    FlinkSettingsFlags flink;

    /** {@code episodes} alone: a short reminder, not the whole manual, and exit 2 (nothing was asked). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("usage: episodes <command> [flags]   commands: "
                + String.join(", ", spec.subcommands().keySet()));
        err.println("see ./episodes --help, or ./episodes <command> --help");
        return ExitCode.USAGE;
    }

    public static void main(String[] args) {
        PrivateTemp.install(); // before anything reads java.io.tmpdir
        // Flink's S3 file system (Hadoop's S3A on AWS SDK v1) prints a deprecation notice with a stack trace
        // on first use: noise on every s3:// run, not a problem of the user's.
        if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        }
        int code = execute(args);
        PrivateTemp.remove();
        System.exit(code);
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.removeIf(VERBOSE::equals) | debugFromEnvironment(System.getenv());
        EpisodesCli root = new EpisodesCli();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> usageError(e, err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> ErrorLine.report(err, e, debug));
        cli.setExecutionStrategy(parsed -> {
            try {
                Limits.check(parsed);
                if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
                    applySettings(root.flink.settings());
                }
            } catch (IllegalArgumentException e) {
                return ErrorLine.report(err, e, debug);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        try {
            ConfigFile.Parsed config = ConfigFile.read(rest.toArray(String[]::new), cli);
            root.flink.configFile(config.flinkSettings());
            return cli.execute(config.args());
        } catch (Throwable t) { // an Error (out of memory) or a failure outside the command: still one line
            return ErrorLine.report(err, t, debug);
        }
    }

    /**
     * Initialises this JVM's file systems with the run's Flink settings, once, before any command opens a
     * store; the embedded cluster gets the same settings ({@link EmbeddedFlink}).
     */
    static void applySettings(dev.episodes.storage.StoreSettings settings) {
        try {
            settings.apply();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the Flink settings " + settings + " do not initialise the file "
                    + "systems: " + ErrorLine.oneLine(e.getMessage()) + " (check the -D flags and the --config file)");
        }
    }

    static boolean debugFromEnvironment(Map<String, String> env) {
        String v = env.get(ErrorLine.DEBUG_ENV);
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** A flag picocli cannot parse: one line naming it, a suggestion when there is one, and where help is. */
    private static int usageError(CommandLine.ParameterException e, PrintWriter err) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        // A converter's own message, not picocli's wrapping of it ("cannot convert 'x' to long (java.lang...").
        String message = ErrorLine.oneLine(e.getMessage()).replaceFirst(
                "cannot convert '.*?' to \\S+ \\([\\w.$]+(?:Exception|Error): (.*)\\)$", "$1");
        StringBuilder line = new StringBuilder("error: ").append(message).append(" (");
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("did you mean ").append(String.join(" or ", u.getSuggestions().subList(0,
                    Math.min(3, u.getSuggestions().size())))).append("? ");
        }
        line.append("see ./").append(command).append(" --help)");
        err.println(line);
        err.flush();
        return ExitCode.USAGE;
    }
}
