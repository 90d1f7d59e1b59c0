package dev.episodes.frames.corpus;

import dev.episodes.frames.corpus.FramesCase.Region;
import dev.episodes.frames.corpus.Recorder.El;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Paints a screenshot the way other recorders' platforms look (dark themes, serif and monospaced fonts,
 * fractional scaling), in screen coordinates scaled to the image, and says where it drew: a secret's
 * glyph box (outline scaled, padded 2 px for antialiasing, rounded outward) or an element's bounds.
 */
final class Canvas {
    private static final int PAD = 2;
    final int screenW;
    final int screenH;
    final int imageW;
    final int imageH;
    final double sx;
    final double sy;
    final BufferedImage image;
    private final Graphics2D g;

    Canvas(int screenW, int screenH, int imageW, int imageH, boolean alpha) {
        this.screenW = screenW;
        this.screenH = screenH;
        this.imageW = imageW;
        this.imageH = imageH;
        this.sx = imageW / (double) screenW;
        this.sy = imageH / (double) screenH;
        this.image = new BufferedImage(imageW, imageH, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(sx, sy);
    }

    Canvas fill(Color c, int x, int y, int w, int h) {
        g.setColor(c);
        g.fillRect(x, y, w, h);
        return this;
    }

    /** Makes a region see-through (alpha 0), as a recorder capturing one window with its shadow does. */
    Canvas clear(int x, int y, int w, int h) {
        var old = g.getComposite();
        g.setComposite(AlphaComposite.Clear);
        g.fillRect(x, y, w, h);
        g.setComposite(old);
        return this;
    }

    Canvas field(El e, Color bg, Color border) {
        g.setColor(bg);
        g.fillRoundRect(e.x(), e.y(), e.w(), e.h(), 6, 6);
        g.setColor(border);
        g.drawRoundRect(e.x(), e.y(), e.w() - 1, e.h() - 1, 6, 6);
        return this;
    }

    /** Draws text; returns its glyph box in image pixels. */
    Region text(String s, double x, double baseline, Font font, Color c, String what) {
        g.setColor(c);
        GlyphVector gv = font.createGlyphVector(g.getFontRenderContext(), s);
        g.drawGlyphVector(gv, (float) x, (float) baseline);
        Rectangle2D b = gv.getOutline((float) x, (float) baseline).getBounds2D();
        Rectangle2D logical = gv.getLogicalBounds();
        // missing glyphs (tofu) and spaces: the logical box covers what the outline may not
        double minX = Math.min(b.getMinX(), x);
        double maxX = Math.max(b.getMaxX(), x + logical.getWidth());
        double minY = Math.min(b.getMinY(), baseline + logical.getMinY());
        double maxY = Math.max(b.getMaxY(), baseline + logical.getMaxY());
        return outward(minX, minY, maxX, maxY, PAD, what);
    }

    /** An element's bounds (screen pixels) in image pixels, rounded outward. */
    Region bounds(El e, String what) {
        return outward(e.x(), e.y(), e.x() + e.w(), e.y() + e.h(), 0, what);
    }

    /** A screen-pixel rectangle in image pixels, rounded inward (for regions that must stay untouched). */
    Region inward(int x, int y, int w, int h, String what) {
        int x0 = (int) Math.ceil(x * sx);
        int y0 = (int) Math.ceil(y * sy);
        int x1 = (int) Math.floor((x + w) * sx);
        int y1 = (int) Math.floor((y + h) * sy);
        return new Region(x0, y0, x1 - x0, y1 - y0, what);
    }

    private Region outward(double minX, double minY, double maxX, double maxY, int pad, String what) {
        int x0 = Math.max(0, (int) Math.floor(minX * sx) - pad);
        int y0 = Math.max(0, (int) Math.floor(minY * sy) - pad);
        int x1 = Math.min(imageW, (int) Math.ceil(maxX * sx) + pad);
        int y1 = Math.min(imageH, (int) Math.ceil(maxY * sy) + pad);
        return new Region(x0, y0, x1 - x0, y1 - y0, what);
    }

    /** JPEG spreads a glyph over the 8x8 blocks it touches (16x16 with chroma subsampling). */
    static Region jpegBlocks(Region r) {
        int x0 = r.x() / 16 * 16;
        int y0 = r.y() / 16 * 16;
        int x1 = (r.x() + r.w() + 15) / 16 * 16;
        int y1 = (r.y() + r.h() + 15) / 16 * 16;
        return new Region(x0, y0, x1 - x0, y1 - y0, r.what());
    }

    /** Writes the image as {@code format}: png, alpha-png, gray-png, palette-png or jpeg. */
    void save(Path file, String format) {
        g.dispose();
        try {
            Files.createDirectories(file.getParent());
            switch (format) {
                case "png", "alpha-png" -> ImageIO.write(image, "png", file.toFile());
                case "gray-png" -> ImageIO.write(convert(BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
                case "palette-png" -> ImageIO.write(convert(BufferedImage.TYPE_BYTE_INDEXED), "png", file.toFile());
                case "jpeg" -> jpeg(file, 0.85f);
                default -> throw new IllegalArgumentException(format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedImage convert(int type) {
        BufferedImage out = new BufferedImage(imageW, imageH, type);
        Graphics2D o = out.createGraphics();
        o.drawImage(image, 0, 0, null);
        o.dispose();
        return out;
    }

    private void jpeg(Path file, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(convert(BufferedImage.TYPE_INT_RGB), null, null), p);
        } finally {
            w.dispose();
        }
    }
}
