package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Red-team attacks on rendering: geometry and sizes the generator never produces. */
class FrameRendererAttackTest {

    /**
     * raw-events.md: element bounds are virtual-desktop pixels and "may be negative on multi-monitor
     * setups"; screen_w/h is the virtual desktop's size. A secure field on the monitor left of the primary
     * (x = -1500) on a 3840x1080 desktop: the planned rectangle is clipped away as "off the image" and the
     * frame is stored with no mask at all, although the field is on the screenshot (at 420 from its left
     * edge when the desktop's origin is at -1920).
     */
    @Test
    void aSecureFieldAtNegativeVirtualDesktopCoordinatesIsNotSilentlyDropped() throws Exception {
        byte[] shot = TestImages.encode(TestImages.noise(3840 / 4, 1080 / 4, 1), "png");
        FrameRenderer r = new FrameRenderer(FrameSettings.on());
        FrameRenderer.Rendered out = r.render(shot, 3840 / 4, 1080 / 4,
                List.of(new MaskRect(-1500 / 4, 100 / 4, 300 / 4, 30 / 4, MaskKinds.SECURE_FIELD)));
        assertFalse(out.masks().isEmpty(), "the secure field's mask vanished: nothing was filled");
    }

    /**
     * A portrait device (screen 1080x1920) whose recorder stores the framebuffer unrotated (1920x1080), or a
     * capture of one window instead of the desktop: the image's aspect is not the screen's. The renderer
     * scales each axis on its own and fills a rectangle somewhere else than the field; where the field is is
     * unknown, so the frame should be masked whole (or refused), not stored with a misplaced mask.
     */
    @Test
    void anImageWhoseAspectIsNotTheScreensIsMaskedWholeOrRefused() throws Exception {
        byte[] shot = TestImages.encode(TestImages.noise(192, 108, 2), "png");
        FrameRenderer r = new FrameRenderer(FrameSettings.on());
        FrameRenderer.Rendered out;
        try {
            out = r.render(shot, 108, 192, List.of(new MaskRect(10, 20, 40, 8, MaskKinds.SECURE_FIELD)));
        } catch (FrameFailure refused) {
            return;
        }
        BufferedImage img = TestImages.decode(out.image());
        int unmasked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                unmasked += (img.getRGB(x, y) & 0xffffff) == 0 ? 0 : 1;
            }
        }
        assertEquals(0, unmasked, "stored with a mask scaled 1.78x and 0.56x: " + out.masks());
    }

    /**
     * A Retina Mac whose recorder left screen_w/h null (the contract allows it): element bounds are in
     * points, the screenshot in pixels (2x). The renderer takes the image's size as the screen's, so a
     * password field at (100, 100, 50x10) points is filled at (100, 100) pixels, a quarter of its area, and
     * the field at (200, 200, 100x20) pixels stays in the clear. Without a screen size the scale is unknown:
     * a frame with planned masks should be masked whole (or refused).
     */
    @Test
    void withoutAScreenSizeAMaskOnAHiDpiScreenshotStillCoversTheField() throws Exception {
        byte[] shot = TestImages.encode(TestImages.noise(400, 300, 4), "png");
        FrameRenderer.Rendered out = new FrameRenderer(FrameSettings.on()).render(shot, null, null,
                List.of(new MaskRect(100, 100, 50, 10, MaskKinds.SECURE_FIELD)));
        BufferedImage img = TestImages.decode(out.image());
        int clear = 0;
        for (int y = 200; y < 220; y++) {
            for (int x = 200; x < 300; x++) {
                clear += (img.getRGB(x, y) & 0xffffff) == 0 ? 0 : 1;
            }
        }
        assertEquals(0, clear, "the field at 2x is in the clear; masks " + out.masks());
    }

    /**
     * Within the limits (64 Mpx, a 0.5 MB file): an 8000x8000 16-bit RGBA PNG. Decoding it allocates
     * 512 MB of samples and 192 MB more for the BGR copy; with 8 reads in flight per instance (the default)
     * that is 5.6 GB of heap from eight small files: an OutOfMemoryError in a TaskManager, not a counted
     * failure. The per-read budget at the defaults should let 8 reads fit in a 2 GiB heap.
     */
    @Test
    void aSmallFileWithinThePixelLimitDoesNotNeedMoreHeapThanEightReadsCanShare() throws Exception {
        byte[] bomb = zeroPng(8000, 8000, 16, 6);
        assertTrue(bomb.length < 2 << 20, "a small file: " + bomb.length);
        FrameRenderer r = new FrameRenderer(FrameSettings.on());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        try {
            r.decode(bomb);
        } catch (FrameFailure refused) {
            return; // refused: fine
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long budget = (2L << 30) / FrameSettings.on().concurrency();
        assertTrue(allocated <= budget, "one decode allocated " + (allocated >> 20) + " MiB; "
                + FrameSettings.on().concurrency() + " in flight need " + (allocated * 8 >> 20) + " MiB");
    }

    /**
     * Whatever is under a mask never reaches the stored bytes: two screenshots that differ only under the
     * planned rectangles store byte-identical frames, PNG and JPEG, at odd scales (image not a multiple of
     * the screen, image smaller than the screen), odd downscale factors and masks over the image's edges.
     */
    @Test
    void pixelsUnderAMaskDoNotInfluenceTheStoredBytesAtOddScalesAndFormats() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        int[][] sizes = {{1333, 777, 1000, 583}, {641, 401, 1280, 800}, {1513, 851, 756, 425}, {1281, 17, 1281, 17}};
        for (int[] sz : sizes) {
            for (String format : List.of("png", "jpeg")) {
                for (int maxWidth : new int[] {517, 1280, 16}) {
                    int w = sz[0];
                    int h = sz[1];
                    List<MaskRect> masks = List.of(new MaskRect(-3, -2, sz[2] / 7, sz[3] / 5, MaskKinds.SECURE_FIELD),
                            new MaskRect(sz[2] - sz[2] / 9, sz[3] / 3, sz[2] / 9 + 5, 3, MaskKinds.TYPED_SECRET),
                            new MaskRect(sz[2] / 2, sz[3] - 1, 1, 4, MaskKinds.SCOPE_REGION));
                    BufferedImage one = TestImages.noise(w, h, rnd.nextLong());
                    BufferedImage two = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                    two.setData(one.getData());
                    for (MaskRect m : masks) { // the image pixels a planned rectangle touches, re-randomised
                        int x0 = (int) Math.max(0, Math.floorDiv((long) m.x() * w, sz[2]));
                        int y0 = (int) Math.max(0, Math.floorDiv((long) m.y() * h, sz[3]));
                        int x1 = (int) Math.min(w, -Math.floorDiv(-((long) m.x() + m.w()) * w, sz[2]));
                        int y1 = (int) Math.min(h, -Math.floorDiv(-((long) m.y() + m.h()) * h, sz[3]));
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                two.setRGB(x, y, rnd.nextInt(0x1000000));
                            }
                        }
                    }
                    FrameRenderer r = new FrameRenderer(FrameSettings.on().withMaxWidth(maxWidth).withFormat(format, 0.8f));
                    byte[] a = r.render(TestImages.encode(one, "png"), sz[2], sz[3], masks).image();
                    byte[] b = r.render(TestImages.encode(two, "png"), sz[2], sz[3], masks).image();
                    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, java.util.Arrays.toString(sz) + " " + format
                            + " max " + maxWidth);
                }
            }
        }
    }

    /**
     * Bombs in the metadata: a 1x1 PNG with a zTXt and an iCCP chunk each inflating to 512 MB, and a JPEG
     * whose frame header claims 65000x65000. Refused or decoded without inflating them.
     */
    @Test
    void metadataBombsAndHugeJpegHeadersAreRefusedOrIgnoredCheaply() throws Exception {
        byte[] tiny = TestImages.encode(TestImages.noise(1, 1, 5), "png");
        byte[] zeros = deflatedZeros(512 << 20);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.write("Comment".getBytes(StandardCharsets.US_ASCII));
        z.write(0);
        z.write(0);
        z.write(zeros);
        ByteArrayOutputStream icc = new ByteArrayOutputStream();
        icc.write("icc".getBytes(StandardCharsets.US_ASCII));
        icc.write(0);
        icc.write(0);
        icc.write(zeros);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(tiny, 0, 33); // signature and IHDR
        DataOutputStream out = new DataOutputStream(png);
        chunk(out, "iCCP", icc.toByteArray());
        chunk(out, "zTXt", z.toByteArray());
        png.write(tiny, 33, tiny.length - 33);
        FrameRenderer r = new FrameRenderer(FrameSettings.on());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        try {
            r.render(png.toByteArray(), null, null, List.of());
        } catch (FrameFailure refused) {
            // fine
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 << 20, "a 1x1 PNG allocated " + (allocated >> 20) + " MiB");
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");

        byte[] jpeg = TestImages.encode(TestImages.noise(8, 8, 6), "jpeg");
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && ((jpeg[i + 1] & 0xff) == 0xc0 || (jpeg[i + 1] & 0xff) == 0xc2)) {
                java.nio.ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) 65000).putShort((short) 65000);
                break;
            }
        }
        try {
            r.render(jpeg, null, null, List.of());
            throw new AssertionError("a 65000x65000 JPEG header rendered");
        } catch (FrameFailure f) {
            assertEquals(FrameFailure.Reason.OVERSIZED, f.reason());
        }
    }

    private static byte[] deflatedZeros(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new java.util.zip.Deflater(9), 1 << 16)) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < n / block.length; i++) {
                z.write(block);
            }
        }
        return out.toByteArray();
    }

    /** An all-zero PNG, pixels deflated row by row (tiny on disk whatever its size). */
    static byte[] zeroPng(int w, int h, int bitDepth, int colourType) throws IOException {
        int channels = switch (colourType) {
            case 0 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
        int rowBytes = 1 + w * channels * bitDepth / 8;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new java.util.zip.Deflater(9), 1 << 16)) {
            byte[] row = new byte[rowBytes];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream ih = new DataOutputStream(ihdr);
        ih.writeInt(w);
        ih.writeInt(h);
        ih.writeByte(bitDepth);
        ih.writeByte(colourType);
        ih.writeByte(0);
        ih.writeByte(0);
        ih.writeByte(0);
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
