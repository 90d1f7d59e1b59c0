package dev.episodes.writing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A shard written to staging and waiting for its checkpoint to complete: where it is, where it goes,
 * and what it holds. The unit of exactly-once publishing.
 */
public record StagedShard(
        @JsonProperty("partition") String partition,
        @JsonProperty("staged_dir") String stagedDir,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("stats") ShardStats stats) {}
