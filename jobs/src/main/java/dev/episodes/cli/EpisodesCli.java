package dev.episodes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./episodes}: the command line of the episode pipeline. */
@Command(name = "episodes", mixinStandardHelpOptions = true, version = "activity-episodes 0.1.0",
        description = "Turn recorded computer activity into privacy-safe, model-ready training episodes.",
        subcommands = {ReplayCommand.class, StreamCommand.class, PublishCommand.class, GenerateCommand.class,
                DemoCommand.class, EraseCommand.class, ExpireCommand.class, InspectCommand.class, BenchCommand.class,
                NightlyCommand.class},
        footer = {"", "Any pipeline flag can also come from --config FILE (properties; keys are flag names "
                + "without dashes). Flags given on the command line win."})
public final class EpisodesCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        PrivateTemp.install(); // before anything reads java.io.tmpdir
        int code = execute(args);
        PrivateTemp.remove();
        System.exit(code);
    }

    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new EpisodesCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        String[] rest;
        try {
            rest = ConfigFile.apply(args, cli);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        return cli.execute(rest);
    }
}
