package dev.episodes.jobs;

import dev.episodes.cli.ConfigFile;
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
            cli.parseArgs(ConfigFile.apply(args, cli));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + cli.getCommandName() + " --help lists the flags)", e);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            cli.usage(System.out);
            return false;
        }
        return true;
    }
}
