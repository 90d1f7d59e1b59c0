package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** Decoding what a recorder may send (and what it should not), masks in the right pixels, downscaling, encoding. */
class FrameRendererTest {
    private static final int BLACK = 0xff000000;
    private final FrameRenderer png = new FrameRenderer(FrameSettings.on());

    private static MaskRect mask(int x, int y, int w, int h) {
        return new MaskRect(x, y, w, h, MaskKinds.SECURE_FIELD);
    }

    private static FrameFailure.Reason failure(FrameRenderer r, byte[] bytes) {
        return assertThrows(FrameFailure.class, () -> r.render(bytes, null, null, List.of())).reason();
    }

    @Test
    void hiDpiScreenshotMasksAtTwiceTheScreenCoordinatesAndStoresAtTheMaxWidth() throws Exception {
        byte[] shot = TestImages.encode(TestImages.noise(2560, 1440, 1), "png");
        FrameRenderer.Rendered r = png.render(shot, 1280, 720, List.of(mask(100, 50, 40, 20)));
        assertEquals(1280, r.width());
        assertEquals(720, r.height());
        // screen (100,50,40,20) -> image (200,100,80,40) -> stored 1280/2560: (100,50,40,20)
        assertEquals(List.of(mask(100, 50, 40, 20)), r.masks());
        BufferedImage out = TestImages.decode(r.image());
        for (int y = 50; y < 70; y++) {
            for (int x = 100; x < 140; x++) {
                assertEquals(BLACK, out.getRGB(x, y), "masked at " + x + "," + y);
            }
        }
        assertFalse(out.getRGB(99, 50) == BLACK && out.getRGB(140, 69) == BLACK, "nothing around it filled");
    }

    @Test
    void withoutAScreenSizeAMaskCoversTheWholeImage() throws Exception {
        // Where it lands is unknown: a HiDPI image at 2x would otherwise be masked at 1x (red team).
        byte[] shot = TestImages.encode(TestImages.noise(300, 200, 2), "png");
        FrameRenderer.Rendered r = png.render(shot, null, null, List.of(mask(10, 10, 5, 5)));
        assertEquals(List.of(mask(0, 0, 300, 200)), r.masks());
        assertEquals(300, r.width());
        assertEquals(BLACK, TestImages.decode(r.image()).getRGB(12, 12));
        assertEquals(BLACK, TestImages.decode(r.image()).getRGB(299, 199));
        FrameRenderer.Rendered none = png.render(shot, null, null, List.of());
        assertEquals(List.of(), none.masks(), "no mask planned: nothing filled");
    }

    @Test
    void rectanglesOffTheImageAreDroppedAndPartialOnesClipped() throws Exception {
        byte[] shot = TestImages.encode(TestImages.noise(100, 80, 3), "png");
        FrameRenderer.Rendered r = png.render(shot, 100, 80, List.of(mask(200, 10, 5, 5),
                mask(90, 70, 50, 50), mask(Integer.MAX_VALUE - 5, Integer.MAX_VALUE - 5, 100, 100)));
        assertEquals(List.of(mask(90, 70, 10, 10)), r.masks());
        // Below the origin: a virtual desktop whose origin the image does not say; the whole image (red team).
        for (MaskRect negative : List.of(mask(-20, -20, 10, 10), new MaskRect(-5, 10, 10, 5, MaskKinds.TYPED_SECRET),
                mask(Integer.MIN_VALUE, 0, 100, 10))) {
            assertEquals(List.of(new MaskRect(0, 0, 100, 80, negative.kind())),
                    png.render(shot, 100, 80, List.of(negative)).masks(), negative.toString());
        }
    }

    @Test
    void theSameInputRendersTheSameBytes() throws Exception {
        byte[] shot = TestImages.encode(TestImages.screen(1600, 900, 4), "png");
        List<MaskRect> m = List.of(mask(33, 44, 120, 17));
        assertArrayEquals(png.render(shot, 1600, 900, m).image(), png.render(shot, 1600, 900, m).image());
        FrameRenderer jpeg = new FrameRenderer(FrameSettings.on().withFormat("jpeg", 0.8f));
        assertArrayEquals(jpeg.render(shot, 1600, 900, m).image(), jpeg.render(shot, 1600, 900, m).image());
    }

    @Test
    void jpegOutputIsAJpegOfTheStoredSizeWithSolidMasks() throws Exception {
        FrameRenderer jpeg = new FrameRenderer(FrameSettings.on().withFormat("jpeg", 0.9f).withMaxWidth(640));
        byte[] shot = TestImages.encode(TestImages.screen(1920, 1080, 5), "jpeg");
        FrameRenderer.Rendered r = jpeg.render(shot, 1920, 1080, List.of(mask(960, 540, 300, 150)));
        assertEquals("jpeg", r.format());
        assertEquals((byte) 0xff, r.image()[0]);
        assertEquals((byte) 0xd8, r.image()[1]);
        assertEquals(List.of(mask(320, 180, 100, 50)), r.masks());
        BufferedImage out = TestImages.decode(r.image());
        assertEquals(640, out.getWidth());
        assertEquals(360, out.getHeight());
        int c = out.getRGB(370, 205); // inside, away from block edges that JPEG smears
        assertTrue((c & 0xffffff) < 0x080808, Integer.toHexString(c));
    }

    @Test
    void greyPalette16BitAndAlphaImagesAllBecomeRgbFrames() throws Exception {
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(5, 5, 0, 200);
        BufferedImage grey16 = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(5, 5, 0, 60000);
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {0, 0});
        BufferedImage indexed = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(5, 5, 0, 1);
        BufferedImage alpha = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB); // fully transparent
        alpha.setRGB(5, 5, 0xff0000ff);
        for (BufferedImage img : List.of(grey, grey16, indexed, alpha)) {
            FrameRenderer.Rendered r = png.render(TestImages.encode(img, "png"), null, null, List.of(mask(0, 0, 2, 2)));
            BufferedImage out = TestImages.decode(r.image());
            assertEquals(40, out.getWidth());
            assertEquals(BLACK, out.getRGB(1, 1), "masked, type " + img.getType());
            assertFalse(out.getColorModel().hasAlpha(), "no alpha stored");
        }
        BufferedImage fromAlpha = TestImages.decode(png.render(TestImages.encode(alpha, "png"), null, null,
                List.of()).image());
        assertEquals(Color.WHITE.getRGB(), fromAlpha.getRGB(20, 20), "transparent over white");
        assertEquals(0xff0000ff, fromAlpha.getRGB(5, 5));
        BufferedImage fromPalette = TestImages.decode(png.render(TestImages.encode(indexed, "png"), null, null,
                List.of()).image());
        assertEquals(0xffff0000, fromPalette.getRGB(5, 5));
    }

    @Test
    void sixteenBitRgbPngDecodes() throws Exception {
        // 48-bit RGB: the PNG reader returns a custom type
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        var cm = new java.awt.image.ComponentColorModel(cs, false, false, java.awt.Transparency.OPAQUE,
                java.awt.image.DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(20, 10);
        raster.setPixel(3, 3, new int[] {65535, 0, 0});
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        FrameRenderer.Rendered r = png.render(TestImages.encode(img, "png"), null, null, List.of());
        assertEquals(0xffff0000, TestImages.decode(r.image()).getRGB(3, 3));
    }

    @Test
    void tinyAndVeryWideImages() throws Exception {
        FrameRenderer.Rendered one = png.render(TestImages.encode(TestImages.noise(1, 1, 6), "png"), 1, 1,
                List.of(mask(0, 0, 1, 1)));
        assertEquals(List.of(mask(0, 0, 1, 1)), one.masks());
        assertEquals(BLACK, TestImages.decode(one.image()).getRGB(0, 0));
        FrameRenderer.Rendered wide = png.render(TestImages.encode(TestImages.noise(10000, 3, 7), "png"), null, null,
                List.of(mask(5000, 0, 10, 3)));
        assertEquals(1280, wide.width());
        assertEquals(1, wide.height(), "aspect kept, at least one row");
        assertEquals(List.of(mask(0, 0, 1280, 1)), wide.masks(), "no screen size: the whole image");
        FrameRenderer.Rendered placed = png.render(TestImages.encode(TestImages.noise(10000, 3, 7), "png"), 10000, 3,
                List.of(mask(5000, 0, 10, 3)));
        assertEquals(List.of(mask(640, 0, 2, 1)), placed.masks());
    }

    @Test
    void whatIsNotAPngOrJpegThatDecodesIsCorrupt() throws Exception {
        byte[] good = TestImages.encode(TestImages.screen(400, 300, 8), "png");
        byte[] goodJpeg = TestImages.encode(TestImages.screen(400, 300, 8), "jpeg");
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, new byte[0]));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, null));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, "<html>not found</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, Arrays.copyOf(good, good.length / 2)));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, Arrays.copyOf(good, 20)));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, Arrays.copyOf(goodJpeg, goodJpeg.length / 2)));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, Arrays.copyOf(goodJpeg, 4)));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, TestImages.encode(TestImages.noise(10, 10, 1), "gif")));
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, TestImages.encode(TestImages.noise(10, 10, 1), "bmp")));
        byte[] flipped = good.clone();
        for (int i = 100; i < 400; i++) {
            flipped[i] ^= 0x5a;
        }
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, flipped));
    }

    @Test
    void cmykJpegsBecomeRgbFramesAndJpegsImageIoCannotDecodeAreCorrupt() throws Exception {
        // Four-channel JPEG written from a raster (CMYK): the JDK's reader decodes it; the frame is RGB.
        WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE,
                32, 32, 4, null);
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(raster, null, null), null);
        }
        w.dispose();
        byte[] cmyk = bytes.toByteArray();
        FrameRenderer.Rendered r = png.render(cmyk, null, null, List.of(mask(0, 0, 4, 4)));
        BufferedImage out = TestImages.decode(r.image());
        assertEquals(32, out.getWidth());
        assertEquals(BLACK, out.getRGB(2, 2));
        // The same image marked as arithmetic-coded (SOF9), which ImageIO does not implement.
        byte[] arithmetic = cmyk.clone();
        for (int i = 2; i + 1 < arithmetic.length; i++) {
            if ((arithmetic[i] & 0xff) == 0xff && (arithmetic[i + 1] & 0xff) == 0xc0) {
                arithmetic[i + 1] = (byte) 0xc9;
                break;
            }
        }
        assertEquals(FrameFailure.Reason.CORRUPT, failure(png, arithmetic));
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        byte[] bomb = withPngSize(TestImages.encode(TestImages.noise(1, 1, 9), "png"), 100_000, 100_000);
        long t0 = System.nanoTime();
        FrameFailure f = assertThrows(FrameFailure.class, () -> png.render(bomb, null, null, List.of()));
        assertEquals(FrameFailure.Reason.OVERSIZED, f.reason());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused without decoding");
        FrameRenderer small = new FrameRenderer(FrameSettings.on().withLimits(1 << 20, 100 * 100));
        assertEquals(FrameFailure.Reason.OVERSIZED, failure(small, TestImages.encode(TestImages.noise(101, 100, 1),
                "jpeg")));
        small.render(TestImages.encode(TestImages.noise(100, 100, 1), "jpeg"), null, null, List.of()); // at the limit
    }

    @Test
    void integerFactorsAverageTheSameAsTheGeneralAreaAverage() {
        BufferedImage src = TestImages.noise(120, 90, 11);
        for (int[] k : new int[][] {{2, 2}, {3, 3}, {2, 3}, {4, 1}, {1, 1}}) {
            BufferedImage fast = FrameRenderer.blocks(src, k[0], k[1]);
            BufferedImage exact = FrameRenderer.areaAverage(src, 120 / k[0], 90 / k[1]);
            assertEquals(exact.getWidth(), fast.getWidth());
            for (int y = 0; y < fast.getHeight(); y++) {
                for (int x = 0; x < fast.getWidth(); x++) {
                    int a = fast.getRGB(x, y);
                    int b = exact.getRGB(x, y);
                    for (int c = 0; c < 24; c += 8) {
                        assertTrue(Math.abs((a >> c & 0xff) - (b >> c & 0xff)) <= 1, k[0] + "x" + k[1] + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    /** A PNG whose header claims another size (CRC fixed), its pixel data unchanged. */
    static byte[] withPngSize(byte[] png, int w, int h) {
        byte[] b = png.clone();
        ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        return b;
    }
}
