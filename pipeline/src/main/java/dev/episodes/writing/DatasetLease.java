package dev.episodes.writing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One writer per dataset root at a time. Two builds into one root used to race: the second died with
 * {@code NoSuchFileException}, or the last silently won. The lease is {@code _meta/lease.json}: locked
 * by the operating system while held, so a build that crashes or is killed with -9 loses it with its
 * process and can never hold the root forever; its content says who holds it (command, pid, host, start,
 * a heartbeat every {@link #HEARTBEAT}) for the message the second build gets. A released lease is
 * emptied (never deleted: a deleted lock file lets two processes lock two different files). A lease with
 * content but no lock was left by a build that died; the next one takes it over and says so. Where the
 * file system has no locks, a heartbeat older than {@link #EXPIRY} (or a dead pid on this host) is stale.
 *
 * <p>On a store without OS locks (S3, HDFS: {@link #acquire(Store, String, Consumer)}) the lease is the
 * same file written through the store: created exclusively when absent, else taken over with a replace
 * when it is empty (released) or stale, confirmed by reading it back after a moment; the heartbeat
 * replaces it. That is a convenience that tells an operator who else is writing, not what keeps data
 * correct: the commit protocol ({@link PartitionLog}) is safe with any number of writers.
 */
public final class DatasetLease implements AutoCloseable {
    public static final String FILE = "lease.json";
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration EXPIRY = Duration.ofSeconds(60);
    /**
     * Leases this JVM holds: a second channel on a locked file would release the lock when it closes
     * (POSIX locks belong to the process), so the same process is refused here, before opening the file.
     */
    private static final Map<Object, Holder> HELD_HERE = new ConcurrentHashMap<>();

    /** Who holds a lease. */
    public record Holder(@JsonProperty("owner") String owner, @JsonProperty("pid") long pid,
            @JsonProperty("host") String host, @JsonProperty("started") String started,
            @JsonProperty("heartbeat") String heartbeat) {
        Holder beat() {
            return new Holder(owner, pid, host, started, Instant.now().toString());
        }

        boolean sameHolder(Holder o) {
            return owner.equals(o.owner) && pid == o.pid && host.equals(o.host) && started.equals(o.started);
        }

        boolean aliveHere() {
            return !host.equals(hostName()) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        String describe() {
            long ago = heartbeat == null ? -1 : Duration.between(Instant.parse(heartbeat), Instant.now()).toSeconds();
            return owner + " (pid " + pid + " on " + host + ", since " + started
                    + (ago >= 0 ? ", heartbeat " + ago + " s ago" : "") + ")";
        }
    }

    /** Another build holds the root. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(Path root, String holder) {
            this(root.toString(), holder);
        }

        Busy(String root, String holder) {
            super("another build is writing to " + root + ": " + holder);
        }
    }

    /** How long a lease taken over on a store without locks is left before it is read back. */
    static final Duration SETTLE = Duration.ofMillis(300);

    private final Object key;
    private final FileChannel channel;
    private final FileLock lock;
    private final Store store;
    private final ScheduledExecutorService heartbeat;
    private volatile Holder holder;

    private DatasetLease(Object key, FileChannel channel, FileLock lock, Store store, Holder holder) throws IOException {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.store = store;
        this.holder = holder;
        write();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dataset-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease of {@code root} for {@code owner} (a command name), or throws {@link Busy} naming
     * the build that holds it. {@code log} hears about a stale lease taken over.
     */
    public static DatasetLease acquire(Path root, String owner, Consumer<String> log) throws IOException, Busy {
        Path meta = root.resolve(DatasetLayout.META);
        Files.createDirectories(meta);
        Path key = meta.toRealPath().resolve(FILE);
        Holder mine = new Holder(owner, ProcessHandle.current().pid(), hostName(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), null)
                .beat();
        Holder here = HELD_HERE.putIfAbsent(key, mine);
        if (here != null) {
            throw new Busy(root, here.describe());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            boolean locking = true;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException unsupported) {
                lock = null;
                locking = false;
            }
            Holder previous = read(channel);
            if (lock == null && (locking || previous != null && fresh(previous))) {
                throw new Busy(root, previous == null ? "a build that has not written its name yet" : previous.describe());
            }
            if (previous != null) {
                log.accept("taking over the lease of " + root + " from " + previous.describe()
                        + ", which ended without releasing it");
            }
            return new DatasetLease(key, channel, lock, null, mine);
        } catch (IOException | Busy | RuntimeException e) {
            HELD_HERE.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
    }

    /**
     * Takes the lease of a dataset root on any store: with the OS lock where the root is a local folder,
     * through {@link Store#createExclusive}/{@link Store#replace} elsewhere (see the class comment).
     */
    public static DatasetLease acquire(Store root, String owner, Consumer<String> log) throws IOException, Busy {
        if (root.localRoot().isPresent()) {
            return acquire(root.localRoot().get(), owner, log);
        }
        return acquireThrough(root, owner, log);
    }

    /** The lease through the store's own operations (package-private so that tests run it on a local store). */
    static DatasetLease acquireThrough(Store store, String owner, Consumer<String> log) throws IOException, Busy {
        String key = DatasetLayout.META + "/" + FILE;
        String id = store.uri(key);
        Holder mine = new Holder(owner, ProcessHandle.current().pid(), hostName(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), null).beat();
        Holder here = HELD_HERE.putIfAbsent(id, mine);
        if (here != null) {
            throw new Busy(store.uri(), here.describe());
        }
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(mine);
            if (!store.createExclusive(key, bytes)) {
                Holder previous = parse(store.read(key).orElse(new byte[0]));
                if (previous != null && fresh(previous)) {
                    throw new Busy(store.uri(), previous.describe());
                }
                store.replace(key, bytes);
                java.util.concurrent.locks.LockSupport.parkNanos(SETTLE.toNanos());
                Holder now = parse(store.read(key).orElse(new byte[0]));
                if (now == null || !now.sameHolder(mine)) {
                    throw new Busy(store.uri(), now == null ? "a build that has not written its name yet" : now.describe());
                }
                if (previous != null) {
                    log.accept("taking over the lease of " + store.uri() + " from " + previous.describe()
                            + ", which ended without releasing it");
                }
            }
            return new DatasetLease(id, null, null, store, mine);
        } catch (IOException | Busy | RuntimeException e) {
            HELD_HERE.remove(id);
            throw e;
        }
    }

    private static Holder parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(bytes, Holder.class);
        } catch (IOException garbled) {
            return new Holder("an unknown build", -1, "?", "?", null);
        }
    }

    public Holder holder() {
        return holder;
    }

    private static boolean fresh(Holder h) {
        return h.aliveHere() && h.heartbeat() != null
                && Duration.between(Instant.parse(h.heartbeat()), Instant.now()).compareTo(EXPIRY) < 0;
    }

    private static Holder read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 1 << 16) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
            // read it all
        }
        try {
            return Json.MAPPER.readValue(buf.array(), Holder.class);
        } catch (IOException garbled) {
            return new Holder("an unknown build", -1, "?", "?", null);
        }
    }

    private void beat() {
        try {
            holder = holder.beat();
            write();
        } catch (IOException | RuntimeException e) {
            // a missed beat only ages the heartbeat; the OS lock is what excludes others
        }
    }

    private synchronized void write() throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(holder);
        if (store != null) {
            String k = DatasetLayout.META + "/" + FILE;
            Holder now = parse(store.read(k).orElse(new byte[0]));
            if (now == null || now.sameHolder(holder)) {
                store.replace(k, bytes); // never over a lease another build took over
            }
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf, buf.position());
        }
        channel.truncate(bytes.length);
        channel.force(false);
    }

    /** Empties the lease and lets it go. */
    @Override
    public synchronized void close() throws IOException {
        heartbeat.shutdownNow();
        try {
            if (store != null) {
                String k = DatasetLayout.META + "/" + FILE;
                Holder now = parse(store.read(k).orElse(new byte[0]));
                if (now != null && now.sameHolder(holder)) {
                    store.replace(k, new byte[0]);
                }
            } else if (channel.isOpen()) {
                channel.truncate(0);
                if (lock != null) {
                    lock.release();
                }
                channel.close();
            }
        } finally {
            HELD_HERE.remove(key);
        }
    }

    private static final String HOST = lookUpHostName();

    static String hostName() {
        return HOST;
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            return name.substring(name.indexOf('@') + 1);
        }
    }
}
