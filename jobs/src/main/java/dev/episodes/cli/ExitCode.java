package dev.episodes.cli;

/** The exit codes every command uses (README "Exit codes"); one meaning each. */
final class ExitCode {
    /** Done, and everything is consistent. */
    static final int OK = 0;
    /** Ran, but found nothing to do or a disagreement (nothing to erase, a day without input, inspect issues). */
    static final int NOTHING = 1;
    /** Bad usage, input or output, refused before any work started (includes another build on the root). */
    static final int USAGE = 2;
    /** A run whose counts do not add up: read != used + consent + duplicates + dead letters. */
    static final int ACCOUNTING = 3;
    /** The run failed while working (an I/O error, out of memory, a bug): one line, the trace with --verbose. */
    static final int FAILED = 4;
    /** The watchdog stopped a bounded run that made no progress for --stall-timeout. */
    static final int STALLED = 5;

    private ExitCode() {}
}
