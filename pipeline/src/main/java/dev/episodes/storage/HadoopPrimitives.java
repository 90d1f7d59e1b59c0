package dev.episodes.storage;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.SafetyNetWrapperFileSystem;
import org.apache.flink.runtime.fs.hdfs.HadoopFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;

/**
 * HDFS (and other Hadoop file systems with a namenode): the content is written whole to a hidden temp
 * name beside the target, then renamed by the namenode in one step. A plain rename refuses an existing
 * target (an exclusive create of a complete file); a rename with {@code OVERWRITE} swaps the target
 * atomically, so a reader opens the old or the new file, never none.
 */
public final class HadoopPrimitives implements Primitives {
    private static final int READ_ATTEMPTS = 3;
    /** FileContexts per file system: each holds a client (a DFSClient on HDFS), so they are shared. */
    private static final Map<URI, FileContext> CONTEXTS = new ConcurrentHashMap<>();

    @Override
    public boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException {
        org.apache.hadoop.fs.FileSystem h = hadoop(fs, target);
        org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(target.toUri());
        org.apache.hadoop.fs.Path tmp = temp(h, t, bytes);
        boolean moved = false;
        try {
            context(h).rename(tmp, t);
            moved = true;
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            if (!moved) {
                h.delete(tmp, false);
            }
        }
    }

    @Override
    public void replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
        org.apache.hadoop.fs.FileSystem h = hadoop(fs, target);
        org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(target.toUri());
        org.apache.hadoop.fs.Path tmp = temp(h, t, bytes);
        boolean moved = false;
        try {
            context(h).rename(tmp, t, Options.Rename.OVERWRITE);
            moved = true;
        } finally {
            if (!moved) {
                h.delete(tmp, false);
            }
        }
    }

    private static org.apache.hadoop.fs.Path temp(org.apache.hadoop.fs.FileSystem h, org.apache.hadoop.fs.Path target,
            byte[] bytes) throws IOException {
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try (FSDataOutputStream out = h.create(tmp, false)) {
            out.write(bytes);
        } catch (IOException e) {
            try {
                h.delete(tmp, false);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return tmp;
    }

    /** The Hadoop file system under Flink's wrapper (with its configuration), or one opened for the path. */
    static org.apache.hadoop.fs.FileSystem hadoop(FileSystem fs, Path target) throws IOException {
        FileSystem f = fs instanceof SafetyNetWrapperFileSystem w ? w.getWrappedDelegate() : fs;
        if (f instanceof HadoopFileSystem h) {
            return h.getHadoopFileSystem();
        }
        return org.apache.hadoop.fs.FileSystem.get(target.toUri(), new Configuration());
    }

    private static FileContext context(org.apache.hadoop.fs.FileSystem h) throws IOException {
        FileContext c = CONTEXTS.get(h.getUri());
        if (c == null) {
            c = FileContext.getFileContext(h.getUri(), h.getConf());
            FileContext raced = CONTEXTS.putIfAbsent(h.getUri(), c);
            c = raced == null ? c : raced;
        }
        return c;
    }

    @Override
    public java.util.Optional<byte[]> read(FileSystem fs, Path target) throws IOException {
        // A reader that opened the old file while a replace swapped it can lose the old file's blocks mid-read
        // (HDFS: "Blocklist for ... has changed!"): reading again opens the new file, whole.
        for (int attempt = 1; ; attempt++) {
            try {
                return Primitives.super.read(fs, target);
            } catch (IOException e) {
                if (attempt == READ_ATTEMPTS || e instanceof java.io.InterruptedIOException) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean visibleWhileWriting() {
        return true;
    }
}
