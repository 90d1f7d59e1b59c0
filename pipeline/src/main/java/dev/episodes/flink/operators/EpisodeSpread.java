package dev.episodes.flink.operators;

import org.apache.flink.api.common.functions.Partitioner;

/**
 * Sends an episode to the writer its (keyed, unlinkable) id hashes to, not the one its device is keyed
 * to: under {@code --identity episode} or {@code day} a writer, and so a data file's name and which
 * episodes share a file, must not be a bucket of devices that holds from day to day. Deterministic, so a
 * rebuild writes the same files.
 */
public final class EpisodeSpread implements Partitioner<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public int partition(String episodeId, int writers) {
        return Math.floorMod(episodeId.hashCode(), writers);
    }
}
