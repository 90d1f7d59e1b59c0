package dev.episodes.storage;

import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FrameFailure.Reason;
import dev.episodes.frames.FrameSource;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;

/**
 * Screenshots read through Flink's file systems, as the dataset is written: {@code s3://}, {@code s3a://},
 * {@code hdfs://}, {@code file://} and absolute local paths, or any scheme a Flink plugin adds (without
 * one, {@code gs://} is unreadable). The size is checked before the read and while reading, so a file
 * larger than the limit is refused without reading it all. Failure details name what went wrong, never
 * the URI (it names devices).
 */
public final class StoreFrameSource implements FrameSource, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 64 << 10;

    @Override
    public byte[] read(String uri, long maxBytes) throws FrameFailure {
        Path path = path(uri);
        String scheme = path.toUri().getScheme() == null ? "file" : path.toUri().getScheme().toLowerCase(Locale.ROOT);
        FileSystem fs;
        try {
            fs = path.getFileSystem();
        } catch (UnsupportedFileSystemSchemeException e) {
            throw new FrameFailure(Reason.UNREADABLE, "no file system for " + scheme + ":// screenshots (Flink "
                    + "reaches s3://, hdfs://, file:// here; other schemes need their Flink file system plugin)");
        } catch (IOException | RuntimeException e) {
            throw failure(scheme, e);
        }
        try {
            FileStatus status = fs.getFileStatus(path);
            if (status.isDir()) {
                throw new FrameFailure(Reason.UNREADABLE, "the " + scheme + ":// screenshot location is a folder");
            }
            if (scheme.equals("file") && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path.toUri().getPath()))) {
                // A FIFO blocks open(2) until a writer comes, beyond any interrupt; a device never ends.
                throw new FrameFailure(Reason.UNREADABLE, "the file:// screenshot location is not a regular file");
            }
            if (status.getLen() > maxBytes) {
                throw oversized(status.getLen(), maxBytes);
            }
            try (InputStream in = fs.open(path)) {
                return readAtMost(in, maxBytes, status.getLen());
            }
        } catch (FrameFailure f) {
            throw f;
        } catch (IOException | RuntimeException e) {
            throw failure(scheme, e);
        }
    }

    private static Path path(String uri) throws FrameFailure {
        if (uri == null || uri.isBlank()) {
            throw new FrameFailure(Reason.UNREADABLE, "empty screenshot location");
        }
        if (!Store.hasScheme(uri) && !uri.startsWith("/")) {
            throw new FrameFailure(Reason.UNREADABLE, "the screenshot location is neither a URI nor an absolute path");
        }
        try {
            if (Store.hasScheme(uri)) {
                try { // a URI as java.net.URI writes it: %20 is a space, %C3%A9 an e-acute
                    return new Path(java.net.URI.create(uri));
                } catch (IllegalArgumentException notEncoded) { // spaces and the like sent as they are
                    return new Path(uri);
                }
            }
            return new Path(uri);
        } catch (IllegalArgumentException e) {
            throw new FrameFailure(Reason.UNREADABLE, "the screenshot location is not a valid URI");
        }
    }

    private static byte[] readAtMost(InputStream in, long maxBytes, long expected) throws IOException, FrameFailure {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(expected, 0), maxBytes) + 1);
        byte[] buf = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - total))) > 0) {
            total += n;
            if (total > maxBytes) {
                throw oversized(total, maxBytes); // grew since its size was read
            }
            out.write(buf, 0, n);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("read interrupted");
            }
        }
        return out.toByteArray();
    }

    private static FrameFailure oversized(long size, long maxBytes) {
        return new FrameFailure(Reason.OVERSIZED, "at least " + size + " bytes, more than the " + maxBytes
                + " allowed");
    }

    /** Exceptions from the stores name the path: keep the class, drop the message. */
    static FrameFailure failure(String scheme, Exception e) {
        if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
            return new FrameFailure(Reason.MISSING, "no " + scheme + ":// screenshot at the location");
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException
                || e.getClass().getSimpleName().contains("AccessControl")) {
            return new FrameFailure(Reason.UNREADABLE, "the " + scheme + ":// store refused the read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            return new FrameFailure(Reason.UNREADABLE, "the " + scheme + ":// read was interrupted");
        }
        return new FrameFailure(Reason.UNREADABLE, "the " + scheme + ":// read failed (" + e.getClass().getSimpleName()
                + ")");
    }
}
