package dev.episodes.archive;

/**
 * An archive input a replay cannot use as it stands: a file that cannot be read to its end (with
 * {@link CorruptArchives#FAIL}), or a file whose name holds a raw id. The message names the file (and
 * line) and what to do; it ends the run before anything is published, and the command line shows the
 * message alone.
 */
public final class ArchiveInputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveInputError(String message) {
        super(message, null, false, false);
    }
}
