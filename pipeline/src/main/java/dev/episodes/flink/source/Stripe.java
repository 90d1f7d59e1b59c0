package dev.episodes.flink.source;

import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * Which lines of a file one archive reader takes: line {@code n} (1-based) belongs to stripe
 * {@code (n - 1) % count}. Every reader goes through the whole file but decodes only its stripe, so
 * {@code count} readers move through event time together, as one reader handing lines out round-robin did,
 * with no shuffle of raw lines between them. Carried in the split's id ({@code file:index/count}), the one
 * field of a {@link FileSourceSplit} Flink checkpoints that means nothing else here; a split with another id
 * is the whole file.
 */
record Stripe(int index, int count) {
    static final Stripe WHOLE = new Stripe(0, 1);

    Stripe {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("stripe " + index + " of " + count);
        }
    }

    static String splitId(int file, Stripe s) {
        return file + ":" + s.index + "/" + s.count;
    }

    static Stripe of(FileSourceSplit split) {
        String id = split.splitId();
        int colon = id.indexOf(':');
        int slash = id.indexOf('/', colon + 1);
        if (colon < 0 || slash < 0) {
            return WHOLE;
        }
        return new Stripe(Integer.parseInt(id.substring(colon + 1, slash)), Integer.parseInt(id.substring(slash + 1)));
    }

    /** Whether line {@code number} (1-based) is this stripe's. */
    boolean owns(long number) {
        return (number - 1) % count == index;
    }

    /** The one stripe that reports what is wrong with the file as a whole (unreadable, damaged). */
    boolean reportsDamage() {
        return index == 0;
    }
}
