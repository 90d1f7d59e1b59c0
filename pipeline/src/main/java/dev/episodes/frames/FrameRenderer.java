package dev.episodes.frames;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes a stored frame from a screenshot's bytes: decode (PNG or JPEG only, refused before decoding when
 * the header names more pixels than allowed), fill the masks solid on the full-resolution image, downscale
 * to the maximum width by exact area averaging, fill the stored masks again (rounded outward), encode.
 *
 * <p>Masks are filled with {@link #FILL} (opaque black), never blurred. Because each stored pixel is the
 * average of exactly the source pixels its area covers, and a stored mask is the set of stored pixels
 * whose area touches the filled rectangle, no pixel under a planned mask contributes to any stored pixel
 * outside a stored mask, and stored pixels whose area misses every mask are exactly those of the same
 * screenshot rendered without masks. Transparent pixels are composed over white. The output is a pure
 * function of the input bytes, the masks and the settings.
 */
public final class FrameRenderer {
    /** The fill of every mask: opaque black. */
    public static final Color FILL = Color.BLACK;
    /** Colour transparent pixels are composed over. */
    public static final Color BACKGROUND = Color.WHITE;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Fixed-point bits of the resampling weights (each pass; 2 x 11 bits keep 255 x 2^22 inside an int). */
    private static final int WEIGHT_BITS = 11;

    private final FrameSettings settings;

    public FrameRenderer(FrameSettings settings) {
        this.settings = settings;
    }

    /** The masks of a shot, once the screen size is known (the image's own size when the recorder gave none). */
    @FunctionalInterface
    public interface MaskSource {
        List<MaskRect> at(int screenW, int screenH);
    }

    /** A rendered frame before it has an id: encoded bytes, size, and the masks in stored pixels. */
    public record Rendered(byte[] image, String format, int width, int height, List<MaskRect> masks) {
        public Rendered {
            masks = List.copyOf(masks);
        }

        public StoredFrame stored(String frameId) {
            return new StoredFrame(frameId, image, format, width, height, masks);
        }
    }

    /** Renders with masks planned in screen pixels. */
    public Rendered render(byte[] bytes, Integer screenW, Integer screenH, List<MaskRect> planned)
            throws FrameFailure {
        return render(bytes, screenW, screenH, (w, h) -> planned);
    }

    public Rendered render(byte[] bytes, Integer screenW, Integer screenH, MaskSource masks) throws FrameFailure {
        BufferedImage image = decode(bytes);
        return maskAndEncode(image, screenW, screenH, masks);
    }

    /**
     * Mask, downscale, mask again, encode: everything after {@link #decode}. The masks are filled into
     * {@code image} itself (a decoded screenshot is used once).
     */
    public Rendered maskAndEncode(BufferedImage image, Integer screenW, Integer screenH, MaskSource masks) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean sized = screenW != null && screenW > 0 && screenH != null && screenH > 0;
        int sw = sized ? screenW : w;
        int sh = sized ? screenH : h;
        // Where a planned mask lands is only known when the image is the screen at some scale: without a screen
        // size (a HiDPI image at 2x would be masked at 1x), or with another aspect (a window-only or rotated
        // capture), or below the desktop's origin, a mask covers the whole image.
        boolean placeable = sized && Math.abs((double) w / sw - (double) h / sh) <= 0.02 * Math.max((double) w / sw,
                (double) h / sh);
        List<int[]> inImage = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (MaskRect m : masks.at(sw, sh)) {
            int[] r = !placeable || m.x() < 0 || m.y() < 0 ? new int[] {0, 0, w, h}
                    : clip(outward(m.x(), m.y(), (long) m.x() + m.w(), (long) m.y() + m.h(), w, sw, h, sh), w, h);
            if (r != null) {
                inImage.add(r);
                kinds.add(m.kind());
            }
        }
        byte[] px = pixels(image);
        for (int[] r : inImage) {
            fill(px, w, r);
        }
        BufferedImage out = image;
        int ow = w;
        int oh = h;
        if (w > settings.maxWidth()) {
            ow = settings.maxWidth();
            oh = (int) Math.max(1, Math.round((double) h * ow / w));
            out = downscale(image, ow, oh);
            byte[] opx = pixels(out);
            for (int[] r : inImage) {
                int[] s = clip(outward(r[0], r[1], r[2], r[3], ow, w, oh, h), ow, oh);
                r[0] = s[0];
                r[1] = s[1];
                r[2] = s[2];
                r[3] = s[3];
                fill(opx, ow, r);
            }
        }
        Set<MaskRect> stored = new LinkedHashSet<>();
        for (int i = 0; i < inImage.size(); i++) {
            int[] r = inImage.get(i);
            stored.add(new MaskRect(r[0], r[1], r[2] - r[0], r[3] - r[1], kinds.get(i)));
        }
        return new Rendered(encode(out), settings.format(), ow, oh, new ArrayList<>(stored));
    }

    /** [x0, y0, x1, y1) scaled by to/from on each axis, rounded outward (exact integer arithmetic). */
    private static long[] outward(long x0, long y0, long x1, long y1, int toW, int fromW, int toH, int fromH) {
        return new long[] {Math.floorDiv(x0 * toW, fromW), Math.floorDiv(y0 * toH, fromH),
                -Math.floorDiv(-x1 * toW, fromW), -Math.floorDiv(-y1 * toH, fromH)};
    }

    private static int[] clip(long[] r, int w, int h) {
        long x0 = Math.max(0, r[0]);
        long y0 = Math.max(0, r[1]);
        long x1 = Math.min(w, r[2]);
        long y1 = Math.min(h, r[3]);
        return x0 >= x1 || y0 >= y1 ? null : new int[] {(int) x0, (int) y0, (int) x1, (int) y1};
    }

    private static void fill(byte[] px, int w, int[] r) {
        int fb = FILL.getBlue();
        int fg = FILL.getGreen();
        int fr = FILL.getRed();
        for (int y = r[1]; y < r[3]; y++) {
            int i = (y * w + r[0]) * 3;
            int end = (y * w + r[2]) * 3;
            for (; i < end; i += 3) {
                px[i] = (byte) fb;
                px[i + 1] = (byte) fg;
                px[i + 2] = (byte) fr;
            }
        }
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    // ---- decode ----

    /**
     * The screenshot as a 3-byte BGR image (the decoders' own type for RGB PNG and JPEG, so those need no
     * conversion). Refuses anything but a PNG or JPEG that decodes cleanly, and headers with too many pixels.
     */
    public BufferedImage decode(byte[] bytes) throws FrameFailure {
        if (bytes == null || bytes.length == 0) {
            throw new FrameFailure(FrameFailure.Reason.CORRUPT, "empty file");
        }
        String format = startsWith(bytes, PNG_MAGIC) ? "png"
                : bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 ? "jpeg" : null;
        if (format == null) {
            throw new FrameFailure(FrameFailure.Reason.CORRUPT, "not a PNG or JPEG image");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new FrameFailure(FrameFailure.Reason.CORRUPT, "no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((IIOReadWarningListener) (r, warning) -> warnings.add(warning));
            long w = reader.getWidth(0);
            long h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new FrameFailure(FrameFailure.Reason.CORRUPT, format + " header without a size");
            }
            if (w * h > settings.maxPixels()) {
                throw new FrameFailure(FrameFailure.Reason.OVERSIZED, format + " of " + w + "x" + h
                        + " pixels, more than the " + settings.maxPixels() + " allowed");
            }
            // Memory, not pixels, is what a decode costs: the image as decoded (16-bit channels take 8 bytes a
            // pixel) plus its 3-byte RGB copy, within 7 bytes a pixel of the limit (448 MB at 64 Mpx): an 8-bit
            // image at the pixel limit passes, a 16-bit one with alpha is refused above 40 % of it.
            long rawBytes = 4;
            javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw != null) {
                long bits = 0;
                for (int b : raw.getSampleModel().getSampleSize()) {
                    bits += b;
                }
                rawBytes = Math.max(1, (bits + 7) / 8);
            }
            if (w * h * (rawBytes + 3) > settings.maxPixels() * 7) {
                throw new FrameFailure(FrameFailure.Reason.OVERSIZED, format + " of " + w + "x" + h + " at " + rawBytes
                        + " bytes a pixel: decoding it would take more than " + (settings.maxPixels() * 7 >> 20) + " MB");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                // A truncated JPEG decodes with a warning and grey rows: not a screenshot we want.
                throw new FrameFailure(FrameFailure.Reason.CORRUPT, format + " decodes with errors ("
                        + warnings.get(0) + ")");
            }
            return toBgr(image);
        } catch (FrameFailure f) {
            throw f;
        } catch (IOException | RuntimeException e) {
            throw new FrameFailure(FrameFailure.Reason.CORRUPT, format + " does not decode ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Grey, palette, 16-bit, alpha, ...: all become 8-bit BGR (alpha composed over {@link #BACKGROUND}). */
    static BufferedImage toBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            if (image.getColorModel().hasAlpha()) {
                g.setColor(BACKGROUND);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    // ---- downscale ----

    /**
     * Exact area averaging (a box filter over each output pixel's footprint), separable, fixed point:
     * output pixel (ox, oy) averages the source pixels overlapping [ox*W/ow, (ox+1)*W/ow) x [oy*H/oh, ...),
     * weighted by overlap. A source pixel outside that footprint has weight zero.
     */
    public static BufferedImage downscale(BufferedImage src, int ow, int oh) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (w % ow == 0 && h % oh == 0) {
            return blocks(src, w / ow, h / oh); // HiDPI 2x to 1280 and the like: the same average, faster
        }
        return areaAverage(src, ow, oh);
    }

    /** Integer factors: each output pixel is the rounded mean of its kx x ky block. */
    static BufferedImage blocks(BufferedImage src, int kx, int ky) {
        int w = src.getWidth();
        int ow = w / kx;
        int oh = src.getHeight() / ky;
        byte[] in = pixels(src);
        BufferedImage dst = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = pixels(dst);
        int n = kx * ky;
        int half = n / 2;
        int stride = w * 3;
        if (kx == 2 && ky == 2) {
            for (int oy = 0; oy < oh; oy++) {
                int r0 = oy * 2 * stride;
                int r1 = r0 + stride;
                int o = oy * ow * 3;
                for (int ox = 0; ox < ow; ox++, o += 3, r0 += 6, r1 += 6) {
                    out[o] = (byte) (((in[r0] & 0xff) + (in[r0 + 3] & 0xff) + (in[r1] & 0xff) + (in[r1 + 3] & 0xff) + 2) >> 2);
                    out[o + 1] = (byte) (((in[r0 + 1] & 0xff) + (in[r0 + 4] & 0xff) + (in[r1 + 1] & 0xff)
                            + (in[r1 + 4] & 0xff) + 2) >> 2);
                    out[o + 2] = (byte) (((in[r0 + 2] & 0xff) + (in[r0 + 5] & 0xff) + (in[r1 + 2] & 0xff)
                            + (in[r1 + 5] & 0xff) + 2) >> 2);
                }
            }
            return dst;
        }
        int[] acc = new int[ow * 3];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(acc, 0);
            for (int dy = 0; dy < ky; dy++) {
                int base = (oy * ky + dy) * stride;
                for (int ox = 0, a = 0; ox < ow; ox++, a += 3) {
                    int p = base + ox * kx * 3;
                    for (int dx = 0; dx < kx; dx++, p += 3) {
                        acc[a] += in[p] & 0xff;
                        acc[a + 1] += in[p + 1] & 0xff;
                        acc[a + 2] += in[p + 2] & 0xff;
                    }
                }
            }
            int o = oy * ow * 3;
            for (int i = 0; i < acc.length; i++) {
                out[o + i] = (byte) ((acc[i] + half) / n);
            }
        }
        return dst;
    }

    /** Any factors: exact area averaging with fractional coverage at the footprint's edges. */
    static BufferedImage areaAverage(BufferedImage src, int ow, int oh) {
        int w = src.getWidth();
        int h = src.getHeight();
        byte[] in = pixels(src);
        BufferedImage dst = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = pixels(dst);
        Taps xs = Taps.of(w, ow);
        Taps ys = Taps.of(h, oh);
        int[] acc = new int[w * 3];
        int[] row = new int[ow * 3];
        int round = 1 << (2 * WEIGHT_BITS - 1);
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(acc, 0);
            int ys0 = ys.first[oy];
            for (int k = 0; k < ys.count[oy]; k++) {
                int wt = ys.weight[ys.offset[oy] + k];
                int base = (ys0 + k) * w * 3;
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += (in[base + i] & 0xff) * wt;
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                int b = 0;
                int g = 0;
                int r = 0;
                int s = xs.first[ox] * 3;
                int off = xs.offset[ox];
                for (int k = 0; k < xs.count[ox]; k++, s += 3) {
                    int wt = xs.weight[off + k];
                    b += acc[s] * wt;
                    g += acc[s + 1] * wt;
                    r += acc[s + 2] * wt;
                }
                row[ox * 3] = (b + round) >>> (2 * WEIGHT_BITS);
                row[ox * 3 + 1] = (g + round) >>> (2 * WEIGHT_BITS);
                row[ox * 3 + 2] = (r + round) >>> (2 * WEIGHT_BITS);
            }
            int o = oy * ow * 3;
            for (int i = 0; i < row.length; i++) {
                out[o + i] = (byte) Math.min(255, row[i]);
            }
        }
        return dst;
    }

    /** Per output index: the first source index, how many, and their weights (summing to 2^WEIGHT_BITS). */
    private record Taps(int[] first, int[] count, int[] offset, int[] weight) {
        static Taps of(int n, int on) {
            int[] first = new int[on];
            int[] count = new int[on];
            int[] offset = new int[on];
            List<Integer> weights = new ArrayList<>();
            int one = 1 << WEIGHT_BITS;
            for (int o = 0; o < on; o++) {
                // In units of 1/on source pixels: footprint [o*n, (o+1)*n), pixel i is [i*on, (i+1)*on).
                long a = (long) o * n;
                long b = (long) (o + 1) * n;
                int i0 = (int) (a / on);
                int i1 = (int) Math.min(n, (b + on - 1) / on);
                first[o] = i0;
                count[o] = i1 - i0;
                offset[o] = weights.size();
                int sum = 0;
                int big = -1;
                int bigWeight = -1;
                for (int i = i0; i < i1; i++) {
                    long cover = Math.min((long) (i + 1) * on, b) - Math.max((long) i * on, a);
                    int wt = (int) (cover * one / n);
                    if (wt > bigWeight) {
                        bigWeight = wt;
                        big = weights.size();
                    }
                    weights.add(wt);
                    sum += wt;
                }
                weights.set(big, weights.get(big) + one - sum); // rounding remainder to the largest tap
            }
            return new Taps(first, count, offset, weights.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    // ---- encode ----

    public byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(settings.format()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (settings.format().equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(settings.quality());
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("encoding a frame in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
