package dev.episodes.flink.operators;

/**
 * The operator's current key, which decides what keyed state a read or write reaches. A write-behind
 * cache moves it to write another key's state (at a checkpoint, or to evict), then puts it back.
 */
interface KeyScope {
    /** The key being processed; null outside processing (for example before a checkpoint barrier). */
    Object currentKey();

    void enter(Object key);
}
