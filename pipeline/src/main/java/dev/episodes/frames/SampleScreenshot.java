package dev.episodes.frames;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A desktop-like screenshot for measuring the frames stage (the JMH benchmark and {@code ./episodes bench}):
 * a dark top bar, a side bar, windows with title bars, anti-aliased text in flat panels, form fields, and a
 * photo-like area (smooth gradients with sensor-like noise), so codecs see what they see on real screens.
 */
public final class SampleScreenshot {
    private SampleScreenshot() {}

    public static BufferedImage draw(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
            g.setPaint(new GradientPaint(0, 0, new Color(0x2d4a6b), w, h, new Color(0x6b4a2d)));
            g.fillRect(0, 0, w, h);
            int bar = h / 40;
            g.setColor(new Color(0x1e1e1e));
            g.fillRect(0, 0, w, bar);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, bar * 2 / 3)));
            g.setColor(Color.WHITE);
            g.drawString("Files   Edit   View   Window   Help", 12, bar * 3 / 4);
            g.drawString("Tue 15:42  93%", w - bar * 8, bar * 3 / 4);
            for (int win = 0; win < 3; win++) {
                int x = w / 20 + win * w / 4 + r.nextInt(w / 20 + 1);
                int y = bar * 2 + win * h / 10;
                int ww = w / 2;
                int wh = h / 2;
                g.setColor(new Color(0, 0, 0, 60));
                g.fillRoundRect(x + 4, y + 6, ww, wh, 12, 12);
                g.setColor(new Color(0xfafafa));
                g.fillRoundRect(x, y, ww, wh, 12, 12);
                g.setColor(new Color(0xe4e4e4));
                g.fillRect(x, y, ww, bar + 8);
                g.setColor(new Color(0x333333));
                g.drawString("Document " + (win + 1) + " - Editor", x + 70, y + bar);
                g.setColor(new Color(0xf0f3f7));
                g.fillRect(x, y + bar + 8, ww / 5, wh - bar - 8);
                int line = Math.max(12, h / 60);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, line * 3 / 4));
                for (int ty = y + bar + 8 + line * 2; ty < y + wh - line; ty += line) {
                    g.setColor(r.nextInt(8) == 0 ? new Color(0x1a5fb4) : new Color(0x2e2e2e));
                    g.drawString(words(r, 6 + r.nextInt(8)), x + ww / 5 + 16, ty);
                }
                g.setColor(Color.WHITE);
                g.fillRect(x + ww / 5 + 16, y + wh - line * 3, ww / 3, line * 2);
                g.setColor(new Color(0x9a9a9a));
                g.drawRect(x + ww / 5 + 16, y + wh - line * 3, ww / 3, line * 2);
            }
            g.setColor(new Color(0x262626));
            g.fillRect(0, h - bar * 2, w, bar * 2);
        } finally {
            g.dispose();
        }
        photo(img, w * 11 / 20, h * 9 / 20, w * 2 / 5, h * 2 / 5, r);
        return img;
    }

    /** A smooth, noisy area like a photo or a video frame. */
    private static void photo(BufferedImage img, int x0, int y0, int pw, int ph, Random r) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int w = img.getWidth();
        for (int y = y0; y < Math.min(img.getHeight(), y0 + ph); y++) {
            for (int x = x0; x < Math.min(w, x0 + pw); x++) {
                double u = (x - x0) / (double) pw;
                double v = (y - y0) / (double) ph;
                int n = r.nextInt(12) - 6;
                int i = (y * w + x) * 3;
                px[i] = clamp(90 + 100 * v + 30 * Math.sin(u * 9) + n);
                px[i + 1] = clamp(120 + 80 * Math.cos(v * 5 + u * 3) + n);
                px[i + 2] = clamp(160 + 70 * u - 40 * v + n);
            }
        }
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) v));
    }

    private static final String[] WORDS = {"the", "quarterly", "report", "owner", "status", "pending", "review",
        "customer", "invoice", "total", "next", "steps", "meeting", "notes", "draft", "approved", "budget", "team"};

    private static String words(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    /** The screenshot encoded as a recorder would store it ({@code png} or {@code jpeg}). */
    public static byte[] encoded(int w, int h, long seed, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(draw(w, h, seed), format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
