package dev.episodes.inspect;

/** A data file of a partition as its manifest records it; {@code path} is relative to the partition. */
public record DataFile(String path, String table, long rows, long episodes, long bytes) {}
