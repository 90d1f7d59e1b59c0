package dev.episodes.generate;

import dev.episodes.generate.ScreenTruth.Box;
import dev.episodes.generate.ScreenTruth.Surface;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paints a {@link Screen} with Java2D, the way a recorder's screenshot shows it: desktop, the foreground
 * window with its title bar and URL bar, every field of that window at its exact bounds with its name and
 * what was typed so far (bullets in secure fields unless their show-password toggle is on), the focus
 * ring, the taskbar and the pointer. Text is drawn run by run (a run: characters of one planted kind, or
 * none) so that {@code omitSecrets} leaves the layout as it is and only drops the secret runs: the two
 * renders differ only where secret glyphs were, which is what the truth boxes must cover.
 */
final class ScreenPainter {
    static final int TITLE_H = 36;
    static final int TASKBAR_H = 40;
    static final int MAX_WINDOW_W = 2000;
    /** Antialiased edges and hinting reach this far (image pixels) past a glyph outline. */
    private static final int PAD = 2;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font URL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final Font SMALL_TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 14);
    private static final Font TASK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color[] DESKTOPS = {new Color(0x2E4A62), new Color(0x3B3B58), new Color(0x24573F),
        new Color(0x5A3E36)};

    private final BufferedImage image;
    private final Color desktop;

    ScreenPainter(int imageW, int imageH, int desktopColour) {
        this.image = new BufferedImage(imageW, imageH, BufferedImage.TYPE_INT_RGB);
        this.desktop = DESKTOPS[Math.floorMod(desktopColour, DESKTOPS.length)];
    }

    /** The image painted (this painter's own buffer, overwritten by the next paint) and its truth boxes. */
    record Painted(BufferedImage image, List<Box> boxes) {}

    Painted paint(Screen s, boolean omitSecrets) {
        List<Box> boxes = new ArrayList<>();
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(s.scale, s.scale);
            g.setColor(desktop);
            g.fillRect(0, 0, s.screenW, s.screenH);
            Screen.Window win = s.current;
            int winW = Math.min(s.screenW, MAX_WINDOW_W);
            int winH = s.screenH - TASKBAR_H;
            if (win != null) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, winW, winH);
                g.setColor(new Color(0xDADCE0));
                g.fillRect(0, 0, winW, TITLE_H);
                Rectangle titleClip = new Rectangle(0, 0, winW, TITLE_H);
                String title = win.app + " \u2014 " + win.title;
                drawTagged(g, s, title, tagsOf(s, title, false), TITLE, 12, 24, titleClip, Color.BLACK, omitSecrets,
                        false, Surface.TITLE, false, boxes);
                if (win.url != null) {
                    g.setColor(new Color(0xF1F3F4));
                    g.fillRoundRect(8, 40, winW - 16, 32, 16, 16);
                    Rectangle urlClip = new Rectangle(8, 40, winW - 16, 32);
                    drawTagged(g, s, win.url, tagsOf(s, win.url, true), URL, 24, 61, urlClip, new Color(0x202124),
                            omitSecrets, false, Surface.URL, false, boxes);
                }
                for (Screen.Field f : win.fields.values()) {
                    field(g, s, f, f == s.focus, omitSecrets, boxes);
                }
            }
            taskbar(g, s);
            pointer(g, s.px, s.py);
        } finally {
            g.dispose();
        }
        return new Painted(image, boxes);
    }

    private void field(Graphics2D g, Screen s, Screen.Field f, boolean focused, boolean omit, List<Box> boxes) {
        Rectangle bounds = new Rectangle(f.x, f.y, f.w, f.h);
        boolean plain = f.role.equals("document"); // a document area: text only, no box or name
        boolean mono = "Terminal".equals(s.current.app);
        if (!plain) {
            g.setColor(f.role.equals("button") ? new Color(0x1A73E8) : new Color(0xF8F9FA));
            g.fillRect(f.x, f.y, f.w, f.h);
            g.setColor(new Color(0x9AA0A6));
            g.drawRect(f.x, f.y, f.w - 1, f.h - 1);
            if (focused) {
                g.setColor(new Color(0x1A73E8));
                g.setStroke(new BasicStroke(2f));
                g.drawRect(f.x + 1, f.y + 1, f.w - 3, f.h - 3);
                g.setStroke(new BasicStroke(1f));
            }
            Color labelColour = f.role.equals("button") ? Color.WHITE : new Color(0x5F6368);
            drawTagged(g, s, f.name, tagsOf(s, f.name, false), LABEL, f.x + 6, f.y + 12, bounds, labelColour, omit,
                    false, Surface.ELEMENT_NAME, focused, boxes);
        }
        if (f.secure) { // rule (a): the whole field, on every frame of its window
            boxes.add(imageBox(s, bounds, bounds, "PASSWORD", Surface.SECURE_FIELD, true));
        }
        if (f.text.length() == 0) {
            if (focused && !plain) {
                caret(g, f.x + 6, f.y + 16, f.h < 36 ? 12 : 18);
            }
            return;
        }
        Font font = mono ? MONO : f.h < 36 ? SMALL_TEXT : TEXT;
        int lineH = font.getSize() + 5;
        int top = plain ? f.y + 6 : f.y + 15;
        int baseline = top + font.getSize() - 2;
        String text = f.secure && !f.shown ? "\u2022".repeat(f.text.length()) : f.text.toString();
        if (f.secure && f.shown) { // the show-password eye at the right end
            g.setColor(new Color(0x5F6368));
            g.drawOval(f.x + f.w - 26, f.y + f.h / 2 - 5, 16, 10);
            g.fillOval(f.x + f.w - 21, f.y + f.h / 2 - 3, 6, 6);
        }
        int lineStart = 0;
        int caretLine = 0;
        int caretCol = f.caret;
        for (int i = 0, line = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (f.caret >= lineStart && f.caret <= i) {
                    caretLine = line;
                    caretCol = f.caret - lineStart;
                }
                String lineText = text.substring(lineStart, i);
                // bullets are not the secret's glyphs: the secure field's own box covers them
                List<String> lineTags = f.secure && !f.shown ? Arrays.asList(new String[i - lineStart])
                        : f.tags.subList(lineStart, i);
                int x = drawTagged(g, s, lineText, lineTags, font, f.x + 6, baseline + line * lineH, bounds,
                        Color.BLACK, omit, true, Surface.FIELD_TEXT, true, boxes);
                if (focused && line == caretLine && f.caret >= lineStart && f.caret <= i) {
                    int cx = f.x + 6 + advance(g, font, lineText.substring(0, caretCol));
                    caret(g, Math.min(cx, x), baseline + line * lineH - font.getSize() + 2, font.getSize());
                }
                lineStart = i + 1;
                line++;
            }
        }
    }

    /**
     * Draws {@code text} run by run from {@code x} on {@code baseline}, clipped to {@code clip}; a run
     * tagged with a planted kind adds its glyph box (clipped) to {@code boxes} and is skipped, layout kept,
     * when {@code omit}. Returns the pen position after the text.
     */
    private int drawTagged(Graphics2D g, Screen s, String text, List<String> tags, Font font, int x, int baseline,
            Rectangle clip, Color colour, boolean omit, boolean typed, Surface surface, boolean expectMasked,
            List<Box> boxes) {
        Shape oldClip = g.getClip();
        g.clip(clip);
        g.setColor(colour);
        FontRenderContext frc = g.getFontRenderContext();
        float pen = x;
        int i = 0;
        while (i < text.length()) {
            String tag = tags.get(i);
            int j = i + 1;
            while (j < text.length() && java.util.Objects.equals(tags.get(j), tag)) {
                j++;
            }
            String run = text.substring(i, j);
            GlyphVector gv = font.createGlyphVector(frc, run);
            if (tag != null) {
                Rectangle2D outline = gv.getOutline(pen, baseline).getBounds2D();
                if (!outline.isEmpty()) {
                    Box b = imageBox(s, outline, clip, tag, surface, expectMasked);
                    if (b != null) {
                        boxes.add(b);
                    }
                }
            }
            if (tag == null || !omit) {
                g.drawGlyphVector(gv, pen, baseline);
            }
            pen += (float) gv.getLogicalBounds().getWidth();
            i = j;
        }
        g.setClip(oldClip);
        return Math.round(pen);
    }

    /** A box in image pixels: {@code r} (screen pixels) scaled, padded outward, clipped to {@code clip}. */
    private static Box imageBox(Screen s, Rectangle2D r, Rectangle clip, String kind, Surface surface,
            boolean expectMasked) {
        int k = s.scale;
        boolean exact = r instanceof Rectangle; // element bounds: exact, no antialiasing margin
        int pad = exact ? 0 : PAD;
        int x0 = Math.max((int) Math.floor(r.getMinX() * k) - pad, clip.x * k);
        int y0 = Math.max((int) Math.floor(r.getMinY() * k) - pad, clip.y * k);
        int x1 = Math.min((int) Math.ceil(r.getMaxX() * k) + pad, (clip.x + clip.width) * k);
        int y1 = Math.min((int) Math.ceil(r.getMaxY() * k) + pad, (clip.y + clip.height) * k);
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(s.screenW * k, x1);
        y1 = Math.min(s.screenH * k, y1);
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new Box(x0, y0, x1 - x0, y1 - y0, kind, surface, expectMasked);
    }

    /** Planted secrets inside a title, name or URL (percent-encoded too, for URLs): their kind per char. */
    static List<String> tagsOf(Screen s, String text, boolean url) {
        String[] tags = new String[text.length()];
        for (Map.Entry<String, Set<String>> e : s.planted.secrets.entrySet()) {
            for (String value : e.getValue()) {
                mark(text, value, e.getKey(), tags);
                if (url) {
                    mark(text, URLEncoder.encode(value, StandardCharsets.UTF_8), e.getKey(), tags);
                }
            }
        }
        return Arrays.asList(tags);
    }

    private static void mark(String text, String value, String kind, String[] tags) {
        if (value.isEmpty()) {
            return;
        }
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            Arrays.fill(tags, at, at + value.length(), kind);
        }
    }

    private static int advance(Graphics2D g, Font font, String text) {
        return (int) Math.round(font.createGlyphVector(g.getFontRenderContext(), text).getLogicalBounds().getWidth());
    }

    private static void caret(Graphics2D g, int x, int y, int h) {
        g.setColor(Color.BLACK);
        g.fillRect(x, y, 1, h);
    }

    private static void taskbar(Graphics2D g, Screen s) {
        int y = s.screenH - TASKBAR_H;
        g.setColor(new Color(0x202124));
        g.fillRect(0, y, s.screenW, TASKBAR_H);
        g.setFont(TASK);
        int x = 16;
        for (String app : s.apps) {
            boolean front = s.current != null && s.current.app.equals(app);
            g.setColor(front ? new Color(0x3C4043) : new Color(0x202124));
            int w = g.getFontMetrics().stringWidth(app) + 24;
            g.fillRoundRect(x, y + 6, w, TASKBAR_H - 12, 8, 8);
            g.setColor(Color.WHITE);
            g.drawString(app, x + 12, y + 25);
            x += w + 8;
        }
    }

    private static void pointer(Graphics2D g, int x, int y) {
        Polygon arrow = new Polygon(new int[] {x, x, x + 4, x + 8, x + 10, x + 6, x + 12},
                new int[] {y, y + 17, y + 13, y + 21, y + 20, y + 12, y + 12}, 7);
        g.setColor(Color.BLACK);
        g.fillPolygon(arrow);
        g.setColor(Color.WHITE);
        g.drawPolygon(arrow);
    }
}
