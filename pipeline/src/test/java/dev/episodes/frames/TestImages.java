package dev.episodes.frames;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Screenshot-like images for frame tests, and PNG/JPEG bytes of them. */
public final class TestImages {
    private TestImages() {}

    /** Flat panels, text and a noisy "photo" area: like a desktop screenshot. */
    static BufferedImage screen(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Random r = new Random(seed);
        g.setColor(new Color(0xf0f0f0));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x2b2b2b));
        g.fillRect(0, 0, w, Math.max(1, h / 30));
        g.setColor(new Color(0xdde6f0));
        g.fillRect(0, h / 30, Math.max(1, w / 6), h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, h / 60)));
        g.setColor(Color.DARK_GRAY);
        for (int y = h / 10; y < h * 2 / 3; y += Math.max(10, h / 40)) {
            g.drawString("Quarterly report " + r.nextInt(1000) + ": totals, owners and the next steps", w / 5, y);
        }
        int px = w / 2;
        int py = h * 2 / 3;
        for (int y = py; y < h; y++) {
            for (int x = px; x < w; x++) {
                int v = (int) (128 + 60 * Math.sin(x / 17.0) * Math.cos(y / 23.0)) + r.nextInt(20);
                img.setRGB(x, y, (Math.min(255, v) << 16) | (v / 2 << 8) | (255 - Math.min(255, v)));
            }
        }
        g.dispose();
        return img;
    }

    /** Random pixels: every value differs, so any leak or change shows. */
    static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000) | 0x404040); // never the black fill
            }
        }
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer for type " + img.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
