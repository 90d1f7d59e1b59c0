package dev.episodes.config;

import dev.episodes.identity.IdentityScope;
import dev.episodes.identity.TimeScope;
import dev.episodes.split.Splits;
import java.io.Serializable;

/**
 * The shape of written shards: target file size (episodes.md: 128–256 MB), row-group size (at most
 * 128 MB uncompressed), how many steps a writer sorts in memory before spilling a sorted run to disk,
 * the training splits, and what the identity and time columns hold ({@link IdentityScope},
 * {@link TimeScope}; built in code without them: stable and absolute, as before; the command line's
 * default for a new dataset is {@code --identity episode}).
 */
public record OutputLayout(long targetFileBytes, long rowGroupBytes, long maxBufferedSteps, Splits splits,
        IdentityScope identity, TimeScope time) implements Serializable {
    public static final long MB = 1024L * 1024;
    public static final OutputLayout DEFAULT = new OutputLayout(256 * MB, 128 * MB, 1_000_000L, Splits.DEFAULT);

    public OutputLayout(long targetFileBytes, long rowGroupBytes, long maxBufferedSteps, Splits splits) {
        this(targetFileBytes, rowGroupBytes, maxBufferedSteps, splits, IdentityScope.STABLE, TimeScope.ABSOLUTE);
    }

    public OutputLayout withScopes(IdentityScope i, TimeScope t) {
        return new OutputLayout(targetFileBytes, rowGroupBytes, maxBufferedSteps, splits, i, t);
    }

    public OutputLayout {
        identity = identity == null ? IdentityScope.STABLE : identity;
        time = time == null ? TimeScope.ABSOLUTE : time;
        if (targetFileBytes < 1) {
            throw new IllegalArgumentException("target-file-size must be positive, got " + targetFileBytes);
        }
        if (rowGroupBytes < 1 || rowGroupBytes > 128 * MB) {
            throw new IllegalArgumentException("row-group-size must be between 1 byte and 128 MB (episodes.md), got "
                    + rowGroupBytes);
        }
        if (maxBufferedSteps < 1) {
            throw new IllegalArgumentException("max-buffered-steps must be at least 1, got " + maxBufferedSteps);
        }
        if (splits == null) {
            throw new IllegalArgumentException("splits are required");
        }
    }
}
