package dev.episodes.archive;

import java.util.Locale;

/** What a replay does with a file it cannot read to its end (truncated or corrupt gzip, unreadable). */
public enum CorruptArchives {
    /** Stop the run with an error naming the file and line; nothing is published. */
    FAIL,
    /** Keep the lines read before the damage, count the rest as one {@code corrupt_archive} dead letter, go on. */
    SKIP;

    public static CorruptArchives parse(String s) {
        for (CorruptArchives c : values()) {
            if (c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--on-corrupt-archive takes fail or skip, not '" + s + "'");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
