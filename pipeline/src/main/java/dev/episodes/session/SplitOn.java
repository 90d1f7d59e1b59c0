package dev.episodes.session;

/** Optional extra episode boundaries besides the session gap and the length cap. */
public enum SplitOn { NONE, APP, WINDOW }
