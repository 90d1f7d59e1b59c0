package dev.episodes.storage;

/** One name in a store folder: a file (with its size and modification time) or a folder. */
public record StoreEntry(String name, boolean directory, long size, long modifiedMs) {}
