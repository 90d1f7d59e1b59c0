package dev.episodes.storage;

import java.io.IOException;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * HDFS (and other Hadoop file systems with a namenode): the content is written whole to a hidden temp
 * name beside the target, then renamed. HDFS renames atomically and refuses an existing target, which
 * is an exclusive create of a complete file. Replacing deletes the target first: a reader between the
 * two steps finds no pointer and falls back to the manifest log (see {@code PartitionLog}).
 */
public final class HadoopPrimitives implements Primitives {
    @Override
    public boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = temp(fs, target, bytes);
        try {
            if (fs.exists(target)) {
                return false;
            }
            return fs.rename(tmp, target);
        } finally {
            fs.delete(tmp, false);
        }
    }

    @Override
    public void replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = temp(fs, target, bytes);
        try {
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not move " + tmp + " to " + target);
            }
        } finally {
            fs.delete(tmp, false);
        }
    }

    private static Path temp(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try (var out = fs.create(tmp, FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(bytes);
        }
        return tmp;
    }

    @Override
    public boolean visibleWhileWriting() {
        return true;
    }
}
