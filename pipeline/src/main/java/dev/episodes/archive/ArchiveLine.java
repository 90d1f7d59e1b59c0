package dev.episodes.archive;

/**
 * One line of an archive file as its bytes (no line end, no leading BOM), with where it came from:
 * the file's index in the run's {@link ArchiveListing} and its 1-based line number. Decoding, the
 * costly part, runs elsewhere in parallel. Two kinds stand for lines that could not be read: one too
 * long to hold, and the point where a file stopped being readable ({@code error} says why).
 */
public record ArchiveLine(int file, long number, Kind kind, byte[] bytes, String error) {
    public enum Kind { LINE, TOO_LONG, UNREADABLE }

    private static final byte[] NONE = new byte[0];

    public static ArchiveLine line(int file, long number, byte[] bytes) {
        return new ArchiveLine(file, number, Kind.LINE, bytes, null);
    }

    public static ArchiveLine tooLong(int file, long number) {
        return new ArchiveLine(file, number, Kind.TOO_LONG, NONE, null);
    }

    public static ArchiveLine unreadable(int file, long number, String error) {
        return new ArchiveLine(file, number, Kind.UNREADABLE, NONE, error);
    }
}
