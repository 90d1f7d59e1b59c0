package dev.episodes.frames;

import java.util.Locale;

/**
 * Why a step's screenshot did not become a frame. Expected, counted by reason, never fatal: the step
 * keeps a null {@code frame_id}. The message never holds the URI (it names devices).
 */
public final class FrameFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Nothing at the URI. */
        MISSING,
        /** The store refused or failed the read (permissions, I/O error, no file system for the scheme). */
        UNREADABLE,
        /** Larger than the configured bytes or pixels (a decompression bomb). */
        OVERSIZED,
        /** Not a PNG or JPEG image that decodes. */
        CORRUPT,
        /** The read did not finish within the configured time. */
        TIMEOUT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public FrameFailure(Reason reason, String detail) {
        super(reason.wire() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
