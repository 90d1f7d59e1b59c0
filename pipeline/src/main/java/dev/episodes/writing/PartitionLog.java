package dev.episodes.writing;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The one commit protocol (episodes.md 1.1, "Where a dataset lives"), for every writer of a partition:
 * streaming commits, bounded builds, compaction, erasure, retention.
 *
 * <p>Version {@code n} of a partition is the file {@code dt=D/_manifests/<n>.json}; a commit writes
 * version {@code n+1} with an exclusive create (a hard link, an HDFS rename, a conditional PUT), so of two
 * writers that read version {@code n} exactly one wins and the other re-reads and applies its change again.
 * {@code _manifest.json} is then replaced with a copy of the new version: it is what readers outside the
 * project trust, and it may lag a commit behind when a writer dies between the two steps; our own readers
 * follow the log forward from it ({@link #current}). Nothing rests on a listing, a rename over a file, or
 * a lock.
 *
 * <p>Files a commit stops naming are recorded as retired with the time; a later commit deletes those older
 * than the grace period (never a file the new manifest names). Old log versions become stubs a few
 * commits later (their names stay taken, their file lists are dropped).
 */
public final class PartitionLog {
    /** Full log versions kept behind the newest; older ones become stubs. */
    static final int KEEP = 8;
    private static final int MAX_ATTEMPTS = 200;

    private final Store store;
    private final String partition;
    private final Duration grace;
    private final LongSupplier clockMs;

    public PartitionLog(Store store, String partition, Duration grace, LongSupplier clockMs) {
        this.store = store;
        this.partition = partition;
        this.grace = grace;
        this.clockMs = clockMs;
    }

    public PartitionLog(Store store, String partition, Duration grace) {
        this(store, partition, grace, System::currentTimeMillis);
    }

    /** A partition's content at one version; {@code manifest} is null when it has never been committed. */
    public record Snapshot(long version, Manifest manifest) {
        /** The data files (relative to the partition) this version names. */
        public Set<String> files() {
            Set<String> out = new LinkedHashSet<>();
            if (manifest != null) {
                manifest.files().forEach(f -> out.add(f.path()));
            }
            return out;
        }
    }

    /** A change to a partition: the manifest to publish given the current one, or empty for none. */
    @FunctionalInterface
    public interface Change {
        Optional<Manifest> apply(Snapshot current) throws IOException;
    }

    /** What a commit did: the version now current, whether this call published it, files it deleted. */
    public record Outcome(Snapshot snapshot, boolean committed, int attempts, List<String> deleted) {}

    public String partition() {
        return partition;
    }

    static String logKey(String partition, long version) {
        return partition + "/_manifests/" + String.format("%020d", version) + ".json";
    }

    private String pointerKey() {
        return partition + "/" + DatasetLayout.MANIFEST;
    }

    /** The newest committed version: the pointer, then forward along the log while newer versions exist. */
    public Snapshot current() throws IOException {
        for (int attempt = 0; ; attempt++) {
            Optional<byte[]> ptr = store.read(pointerKey());
            Manifest pointed = ptr.isPresent() ? Json.MAPPER.readValue(ptr.get(), Manifest.class) : null;
            long v = pointed == null ? 0 : pointed.version();
            long newest = v;
            while (store.exists(logKey(partition, newest + 1))) {
                newest++;
            }
            if (newest == v) {
                return new Snapshot(v, pointed);
            }
            Optional<byte[]> log = store.read(logKey(partition, newest));
            Manifest m = log.isPresent() ? parse(log.get()) : null;
            if (m != null && m.version() == newest) {
                return new Snapshot(newest, m);
            }
            if (attempt > 20) {
                throw new IOException("cannot read version " + newest + " of " + store.uri(partition));
            }
            // A stub or a vanished version: commits moved on meanwhile; read again.
        }
    }

    /** Applies {@code change} to the newest version and publishes the result, re-reading on a lost race. */
    public Outcome commit(Change change) throws IOException {
        return commit(change, null);
    }

    /** As {@link #commit(Change)}, the files it retires marked as retired {@code by} this kind of writer. */
    public Outcome commit(Change change, String retiredBy) throws IOException {
        return commit(change, retiredBy, Set::of);
    }

    /**
     * As {@link #commit(Change, String)}; the already retired files that {@code remark} names after the
     * change ran are marked as retired {@code by} this writer too (an erasure: they hold the person, so they
     * go by its grace, not the one they were retired with).
     */
    public Outcome commit(Change change, String retiredBy, java.util.function.Supplier<Set<String>> remark)
            throws IOException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Snapshot cur = current();
            Optional<Manifest> next = change.apply(cur);
            if (next.isEmpty()) {
                return new Outcome(cur, false, attempt, List.of());
            }
            long now = clockMs.getAsLong();
            Manifest proposed = next.get();
            Set<String> remarked = remark.get();
            List<Manifest.Retired> retired = new ArrayList<>();
            List<String> expired = new ArrayList<>();
            Set<String> named = named(proposed);
            Set<String> seen = new LinkedHashSet<>();
            for (Manifest.Retired r : cur.manifest() == null ? List.<Manifest.Retired>of() : cur.manifest().retired()) {
                if (named.contains(r.path()) || !seen.add(r.path())) {
                    continue; // named again (a rebuild with the same bytes): no longer retired
                }
                if (now - r.retiredAtMs() >= grace.toMillis()) {
                    expired.add(r.path());
                } else {
                    retired.add(remarked.contains(r.path()) ? new Manifest.Retired(r.path(), r.retiredAtMs(), retiredBy) : r);
                }
            }
            for (String p : cur.manifest() == null ? Set.<String>of() : named(cur.manifest())) {
                if (!named.contains(p) && seen.add(p)) {
                    retired.add(new Manifest.Retired(p, now, retiredBy));
                }
            }
            if (cur.manifest() != null && expired.isEmpty()
                    && sameContent(cur.manifest(), proposed) && retired.equals(cur.manifest().retired())) {
                return new Outcome(cur, false, attempt, List.of());
            }
            long v = cur.version() + 1;
            indexPeople(cur.manifest(), proposed);
            Manifest numbered = proposed.withoutUsers().numbered(v, retired);
            byte[] bytes = Json.MAPPER.writeValueAsBytes(numbered);
            if (store.createExclusive(logKey(partition, v), bytes)) {
                publishPointer(v, bytes);
                if (cur.manifest() != null && cur.manifest().files().stream().anyMatch(f -> f.users() != null)) {
                    forgetPeople(); // the first commit on a root from before the people index: older versions too
                }
                for (String p : expired) {
                    PeopleIndex.deleteWith(store, p);
                }
                stub(v - KEEP);
                return new Outcome(new Snapshot(v, numbered), true, attempt, expired);
            }
            backoff(attempt);
        }
        throw new IOException("gave up committing to " + store.uri(partition) + " after " + MAX_ATTEMPTS
                + " attempts: other writers committed every time");
    }

    /**
     * Writes the people index of every file the proposal names with its people: files new to the partition,
     * and those an older manifest listed inline (moved out of it by this commit).
     */
    private void indexPeople(Manifest cur, Manifest proposed) throws IOException {
        java.util.Map<String, Manifest.FileEntry> before = new java.util.HashMap<>();
        if (cur != null) {
            cur.files().forEach(f -> before.put(f.path(), f));
        }
        for (Manifest.FileEntry f : proposed.files()) {
            Manifest.FileEntry old = before.get(f.path());
            if (f.users() != null && (old == null || old.users() != null)) {
                PeopleIndex.write(store, partition, f);
            }
        }
    }

    /** Dataset-relative paths of everything a manifest names (data files and their audit files). */
    private Set<String> named(Manifest m) {
        Set<String> out = new LinkedHashSet<>();
        m.files().forEach(f -> out.add(partition + "/" + f.path()));
        out.addAll(m.audit());
        return out;
    }

    private static boolean sameContent(Manifest a, Manifest b) {
        // People lists are not content: a manifest holds none (an older one's are moved out by a real commit).
        return a.numbered(0, List.of()).equals(b.withoutUsers().numbered(0, List.of()))
                && a.files().stream().allMatch(f -> f.users() == null);
    }

    /**
     * Replaces the pointer, then makes sure it does not end older than a version committed meanwhile (a
     * slower writer may replace it with an older copy after a faster one: whoever looks last fixes it).
     */
    private void publishPointer(long v, byte[] bytes) throws IOException {
        store.replace(pointerKey(), bytes);
        long newest = v;
        while (store.exists(logKey(partition, newest + 1))) {
            newest++;
        }
        if (newest > v) {
            Optional<byte[]> log = store.read(logKey(partition, newest));
            Manifest m = log.isPresent() ? parse(log.get()) : null;
            if (m != null && m.version() == newest) {
                store.replace(pointerKey(), log.get());
            }
        }
    }

    /**
     * Makes every version before {@code version} a stub (newest first, down to the first one already a
     * stub): what an erasure does, so that no older manifest still names the person.
     */
    public void forgetHistory(long version) throws IOException {
        for (long v = version - 1; v >= 1; v--) {
            Optional<byte[]> bytes = store.read(logKey(partition, v));
            if (bytes.isEmpty() || parse(bytes.get()) == null) {
                return;
            }
            stub(v);
        }
    }

    /**
     * Removes the inline people lists from every kept log version (newest first, down to the first stub):
     * a root from before the people index lists them in each {@code _manifests/} version, which readers of
     * the dataset can read. Only those fields go: the JSON is edited, not re-serialized, so every other
     * field stays as written. The pointer is not touched (a commit replaces it; rewriting it here could
     * put back an older version over a newer one).
     */
    public void forgetPeople() throws IOException {
        for (long v = current().version(); v >= 1; v--) {
            Optional<byte[]> bytes = store.read(logKey(partition, v));
            if (bytes.isEmpty()) {
                return;
            }
            var node = Json.MAPPER.readTree(bytes.get());
            if (node.has("stub")) {
                return;
            }
            boolean listed = false;
            for (var f : node.path("files")) {
                if (f instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("users")) {
                    o.remove("users");
                    listed = true;
                }
            }
            if (listed) {
                store.replace(logKey(partition, v), Json.MAPPER.writeValueAsBytes(node));
            }
        }
    }

    /** A log version's manifest, or null for a stub. */
    private static Manifest parse(byte[] bytes) throws IOException {
        var node = Json.MAPPER.readTree(bytes);
        return node.has("stub") ? null : Json.MAPPER.treeToValue(node, Manifest.class);
    }

    /** Drops the content of an old log version, keeping its name taken. */
    private void stub(long version) throws IOException {
        if (version < 1) {
            return;
        }
        String key = logKey(partition, version);
        if (store.exists(key)) {
            store.replace(key, ("{\"stub\":true,\"version\":" + version + "}").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void backoff(int attempt) {
        long ms = ThreadLocalRandom.current().nextLong(1, 5 + Math.min(attempt, 20) * 5L);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
