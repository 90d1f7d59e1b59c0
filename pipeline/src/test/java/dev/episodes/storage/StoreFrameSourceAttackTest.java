package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.EpisodeFraming;
import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FramePlan;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.ScopeRegions;
import dev.episodes.frames.ShotRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Red-team attacks on reading screenshots: special files, odd URIs, a store that never answers. */
class StoreFrameSourceAttackTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(1);
    private final List<Path> fifos = new ArrayList<>();
    private static final FrameSettings FAST = FrameSettings.on().withReads(Duration.ofMillis(300), 1);

    @AfterEach
    void release() throws Exception {
        for (Path f : fifos) { // a reader blocked opening the FIFO gets a writer (O_RDWR never blocks) and EOF
            new RandomAccessFile(f.toFile(), "rw").close();
        }
        pool.shutdownNow();
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        fifos.add(p);
        return p;
    }

    private Path png(String name) throws Exception {
        BufferedImage img = new BufferedImage(64, 40, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(3, 4, 0x123456);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static ShotRequest shot(String uri) {
        return new ShotRequest(uri, 64, 40, "App", List.of());
    }

    /**
     * A FIFO at a file:// URI: opening it blocks until a writer comes, and an interrupt does not end a
     * blocking open(2). The read timeout interrupts and gives up waiting for nothing: the episode's future
     * never completes (the stage's 60 s backstop then fails every step of it, the good screenshot's too),
     * and the reader thread is stuck for good: with one thread per in-flight read, every later episode
     * waits behind it.
     */
    @Test
    void aFifoAtTheUriTimesOutAndNeitherTheEpisodeNorTheNextOneWaitsForIt() throws Exception {
        Path fifo = fifo("shot.png");
        Path good = png("good.png");
        EpisodeFraming framing = new EpisodeFraming(new StoreFrameSource(), FAST, ScopeRegions.NONE, pool);
        CompletableFuture<EpisodeFrames> first = framing.frame("ep-1",
                new FramePlan(List.of(shot(fifo.toUri().toString()), shot(good.toUri().toString()))));
        CompletableFuture<EpisodeFrames> second = framing.frame("ep-2",
                new FramePlan(List.of(shot(good.toUri().toString()))));
        EpisodeFrames a;
        EpisodeFrames b;
        try {
            a = first.get(5, TimeUnit.SECONDS);
            b = second.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException stuck) {
            throw new AssertionError("a FIFO screenshot held the episode (and the reader pool) past 5 s with a "
                    + FAST.readTimeout() + " read timeout: " + first.isDone() + "/" + second.isDone());
        }
        assertTrue(a.failures().equals(Map.of("timeout", 1L)) || a.failures().equals(Map.of("unreadable", 1L)),
                a.failures().toString());
        assertNotNull(a.stepFrameIds().get(1), "the good screenshot of the same episode");
        assertNotNull(b.stepFrameIds().get(0), "the next episode");
    }

    /** Character devices report a length of 0; /dev/zero never ends: refused (not a file, or by the byte cap), promptly. */
    @Test
    void anEndlessSpecialFileIsRefusedNotAHang() throws Exception {
        long t0 = System.nanoTime();
        FrameFailure f = assertThrows(FrameFailure.class, () -> new StoreFrameSource().read("file:///dev/zero", 1 << 20));
        assertTrue(f.reason() == FrameFailure.Reason.UNREADABLE || f.reason() == FrameFailure.Reason.OVERSIZED,
                f.toString());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void aFolderAtTheUriIsUnreadable() {
        FrameFailure f = assertThrows(FrameFailure.class, () -> new StoreFrameSource().read(dir.toUri().toString(),
                1 << 20));
        assertEquals(FrameFailure.Reason.UNREADABLE, f.reason());
        assertTrue(!f.getMessage().contains(dir.toString()), f.getMessage());
    }

    /**
     * A URI's path is percent-encoded (RFC 3986; what java.net.URI and every recorder library produce):
     * file:///…/shot%201.png names the file "shot 1.png", and %C3%A9 is "é". Flink's Path keeps the escapes
     * as literal characters, so the screenshot is "missing".
     */
    @Test
    void percentEncodedUrisNameTheFilesTheyEncode() throws Exception {
        byte[] space = Files.readAllBytes(png("shot 1.png"));
        byte[] accent = Files.readAllBytes(png("écran.png"));
        String base = dir.toUri().toString();
        StoreFrameSource s = new StoreFrameSource();
        assertArrayEquals(space, s.read(dir.resolve("shot 1.png").toUri().toString(), 1 << 20), "as java.net.URI writes it");
        assertArrayEquals(accent, s.read(base + "%C3%A9cran.png", 1 << 20));
    }

    /** file://host/… names a file on another host: reading the local path of that name is reading the wrong file. */
    @Test
    void aFileUriWithAnotherHostIsNotReadFromThisHost() throws Exception {
        Path good = png("good.png");
        FrameFailure f = assertThrows(FrameFailure.class,
                () -> new StoreFrameSource().read("file://recorder-7" + good.toUri().getPath(), 1 << 20));
        assertTrue(f.reason() == FrameFailure.Reason.UNREADABLE || f.reason() == FrameFailure.Reason.MISSING);
    }

    /** Zero bytes and a truncated PNG are corrupt, counted, and the job goes on. */
    @Test
    void emptyAndTruncatedFilesAreCorrupt() throws Exception {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        byte[] full = Files.readAllBytes(png("full.png"));
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(full, full.length / 2));
        EpisodeFraming framing = new EpisodeFraming(new StoreFrameSource(), FAST, ScopeRegions.NONE, pool);
        EpisodeFrames f = framing.frame("ep", new FramePlan(List.of(shot(empty.toUri().toString()),
                shot(cut.toUri().toString()), shot("file:///nothing/here.png")))).get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("corrupt", 2L, "missing", 1L), f.failures());
    }
}
