package dev.episodes.writing;

import dev.episodes.identity.ScopedIdentity;
import java.nio.file.Path;
import java.time.LocalDate;

/** Where things live under a dataset root (episodes.md, Layout). */
public final class DatasetLayout {
    public static final String META = "_meta";
    public static final String INFO = "info.json";
    /** Never read by training; owner-only (POSIX 0700) where the file system allows. */
    public static final String PRIVATE = "_private";
    /** Dead letters, inside {@link #PRIVATE}: {@code root.resolve(REJECTED)} is {@code _private/rejected}. */
    public static final String REJECTED = PRIVATE + "/rejected";
    public static final String AUDIT = "_audit";
    public static final String STAGING = "_staging";
    public static final String STEPS = "steps";
    public static final String EPISODES = "episodes";
    /** 1.1: a shard's frames file, {@code frames/<the shard's name>}, only when it has frames. */
    public static final String FRAMES = "frames";
    public static final String STATS = "_stats";
    /** Sorted runs a writer spills while it sorts more episodes than fit in memory; inside staging. */
    public static final String SPILL = "_spill";
    public static final String MANIFEST = "_manifest.json";
    public static final String SUCCESS = "_SUCCESS";
    /** How long a file no manifest names any more is kept for readers of older versions ({@code --retired-grace}). */
    public static final java.time.Duration RETIRED_GRACE = java.time.Duration.ofHours(24);
    /**
     * A streamed file no manifest names, older than this, was written by an attempt that died before its
     * checkpoint committed (a commit follows its checkpoint within seconds to minutes).
     */
    public static final java.time.Duration ORPHAN_GRACE = java.time.Duration.ofHours(1);

    private DatasetLayout() {}

    /** The UTC date on which an episode started. */
    public static LocalDate dateOf(long tsUs) {
        return ScopedIdentity.dayOf(tsUs); // one definition: the day scope's day is the partition's date
    }

    public static String partition(LocalDate date) {
        return "dt=" + date;
    }

    public static String fileName(String runId, long n) {
        return "part-" + runId + "-" + n + ".parquet";
    }

    public static Path staging(Path root, String runId) {
        return root.resolve(STAGING).resolve(runId);
    }
}
