package dev.episodes.inspect;

import java.util.List;

/**
 * One partition in full: its summary, its files, and its episodes by start time ({@code episodes}
 * holds at most the requested number; {@code episodesFound} is how many its episodes files hold).
 */
public record PartitionDetail(PartitionSummary summary, List<DataFile> files, List<EpisodeRow> episodes,
        long episodesFound) {

    public PartitionDetail {
        files = List.copyOf(files);
        episodes = List.copyOf(episodes);
    }
}
