package dev.episodes.inspect;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A difference between what a partition's manifest promises and what is on disk: what a reader who
 * trusts the manifest would trip over. {@code path} is relative to the dataset root.
 */
public record FileIssue(String path, Kind kind, String detail) {

    public enum Kind {
        /** The partition folder has no manifest: it was never published, or its run crashed. */
        NO_MANIFEST,
        /** The manifest exists but cannot be read. */
        BAD_MANIFEST,
        /** Listed in the manifest, absent on disk. */
        MISSING,
        /** On disk with another size than the manifest records. */
        SIZE_DIFFERS,
        /** Same size, other content (only checked on request: it reads every byte). */
        CHECKSUM_DIFFERS,
        /**
         * Under the partition, named neither by its current manifest nor among its retired files: an orphan
         * (a writer wrote it and never committed it, or is about to), which a listing reader would pick up.
         */
        STRAY,
        /** A temporary file under the partition (hidden or {@code .tmp}): a write in progress or a crash's leftover. */
        TEMP,
        /**
         * Rows a reader would count twice: an episode in two files of the partition, or a step repeated
         * in one (only checked on request: it reads every file).
         */
        DUPLICATE,
        /**
         * A frames row or file a loader would stumble on: an image that does not decode or has another size
         * than stated, a mask outside the image, an episode the partition does not have, no
         * {@code huggingface} metadata (only checked on request: it reads every file).
         */
        BAD_FRAME,
        /** Steps naming a frame the partition's frames files do not hold (only checked on request). */
        MISSING_FRAME;

        @JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
