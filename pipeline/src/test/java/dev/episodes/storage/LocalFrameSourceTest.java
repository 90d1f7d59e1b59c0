package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.FrameFailure;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Screenshots on a local disk (plain paths and file:// URIs), and locations that are no screenshot at all. */
class LocalFrameSourceTest extends FrameSourceContract {
    @TempDir
    Path tmp;

    @Override
    Store freshStore() {
        return Store.local(tmp.resolve(freshKey()));
    }

    @Test
    void plainPathsAndFileUrisBothRead() throws Exception {
        Path f = tmp.resolve("device-7-shot.png");
        Files.write(f, payload(500));
        assertArrayEquals(payload(500), source.read(f.toString(), 1000));
        assertArrayEquals(payload(500), source.read(f.toUri().toString(), 1000));
        assertArrayEquals(payload(500), source.read("file://" + f, 1000));
    }

    @Test
    void aHugeFileIsRefusedFromItsSizeWithoutReadingIt() throws Exception {
        Path f = tmp.resolve("device-7-huge.png");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(8L << 30); // sparse 8 GiB: reading it would take far longer than this test
        }
        long t0 = System.nanoTime();
        assertEquals(FrameFailure.Reason.OVERSIZED, failure(f.toString(), 32L << 20).reason());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }

    @Test
    void schemesWithoutAFileSystemAndRelativePathsAreUnreadableWithAClearDetail() {
        FrameFailure gs = failure("gs://bucket/device-7/shot.png", 100);
        assertEquals(FrameFailure.Reason.UNREADABLE, gs.reason());
        assertTrue(gs.getMessage().contains("gs://") && gs.getMessage().contains("plugin"), gs.getMessage());
        assertEquals(FrameFailure.Reason.UNREADABLE, failure("foo://host/device-7/shot.png", 100).reason());
        assertEquals(FrameFailure.Reason.UNREADABLE, failure("x://device-7/shot.png", 100).reason());
        FrameFailure relative = assertThrowsFailure("device-7/shot.png");
        assertEquals(FrameFailure.Reason.UNREADABLE, relative.reason());
        assertEquals(FrameFailure.Reason.UNREADABLE, assertThrowsFailure("").reason());
    }

    private FrameFailure assertThrowsFailure(String uri) {
        return org.junit.jupiter.api.Assertions.assertThrows(FrameFailure.class, () -> source.read(uri, 100));
    }

    @Test
    void refusalsByTheStoreAreUnreadableAndNeverNameThePath() {
        // Tests run as root here, so a real permission error cannot be made on the local disk: the mapping.
        FrameFailure f = StoreFrameSource.failure("s3", new AccessDeniedException("s3://b/device-7/x.png"));
        assertEquals(FrameFailure.Reason.UNREADABLE, f.reason());
        assertTrue(!f.getMessage().contains("device-7") && f.getMessage().contains("refused"), f.getMessage());
        FrameFailure io = StoreFrameSource.failure("hdfs", new java.io.IOException("hdfs://nn/device-7/x.png broke"));
        assertEquals(FrameFailure.Reason.UNREADABLE, io.reason());
        assertTrue(!io.getMessage().contains("device-7"), io.getMessage());
    }
}
