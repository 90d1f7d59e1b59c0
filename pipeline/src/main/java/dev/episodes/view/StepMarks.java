package dev.episodes.view;

import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A step drawn on its surface as SVG: the frame (or a plain canvas of the screen's size), every mask
 * outlined and labelled by its kind, and where the pointer acted: a click's point, a drag's path from
 * start to end, a scroll's point and direction. Sizes follow the surface, so a 64-pixel frame and a
 * 100,000-pixel screen read alike; strokes do not scale.
 */
final class StepMarks {
    private StepMarks() {}

    static String svg(StepRow s, EpisodePage.Surface surface) {
        int w = surface.width();
        int h = surface.height();
        double u = Math.max(w, h) / 100.0; // one unit of mark size
        StringBuilder out = new StringBuilder();
        out.append("<svg class=\"shot\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\">");
        if (surface.kind() == EpisodePage.Surface.Kind.FRAME && surface.number() >= 0 && surface.image()) {
            out.append("<use href=\"#frame-").append(surface.number()).append("\"/>");
        } else {
            out.append("<rect class=\"canvas ").append(surface.kind().name().toLowerCase(Locale.ROOT))
                    .append("\" x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h).append("\"/>");
        }
        if (surface.frame() != null) {
            List<double[]> labels = new ArrayList<>();
            double[] hidden = null; // where the first label that did not fit would go, and how many did not
            for (FrameRow.Mask m : surface.frame().masks()) {
                double[] at = mask(out, m, w, h, u, labels);
                if (at != null) {
                    hidden = hidden == null ? new double[] {at[0], at[1], 0} : hidden;
                    hidden[2]++;
                }
            }
            if (hidden != null) {
                double font = Math.max(2 * u, 1);
                out.append("<text class=\"mask-label more\" x=\"").append(n(hidden[0])).append("\" y=\"")
                        .append(n(hidden[1])).append("\" font-size=\"").append(n(font)).append("\" stroke-width=\"")
                        .append(n(font / 6)).append("\">+").append((long) hidden[2]).append(" more</text>");
            }
        }
        if (!surface.unscaled() || pointerInside(s, surface)) {
            pointer(out, s, surface, u);
        }
        return out.append("</svg>").toString();
    }

    /**
     * Whether the step's points fall on the surface as drawn. Without the screen's size a frame's step is
     * not scaled, and a point off the frame is not drawn (the caption says so).
     */
    static boolean pointerInside(StepRow s, EpisodePage.Surface surface) {
        return inside(s.x(), s.y(), surface) && inside(s.toX(), s.toY(), surface);
    }

    private static boolean inside(Integer x, Integer y, EpisodePage.Surface surface) {
        return x == null || y == null || (x >= 0 && y >= 0 && x * surface.scaleX() <= surface.width()
                && y * surface.scaleY() <= surface.height());
    }

    /**
     * {@code labels}: where earlier labels went (x, baseline y), so labels of masks on one spot stack. A
     * label stacked past the frame's last row is not drawn: returns where it would go (x, y), for the
     * "+N more" label that stands for it and the others; null when drawn.
     */
    private static double[] mask(StringBuilder out, FrameRow.Mask m, int w, int h, double u, List<double[]> labels) {
        // clipped to the image: a whole-screen mask is stored larger than any screen
        long x0 = Math.max(0, m.x());
        long y0 = Math.max(0, m.y());
        long x1 = Math.min(w, (long) m.x() + m.w());
        long y1 = Math.min(h, (long) m.y() + m.h());
        if (x1 <= x0 || y1 <= y0) {
            x0 = Math.max(0, Math.min(w - 1, m.x()));
            y0 = Math.max(0, Math.min(h - 1, m.y()));
            x1 = x0 + 1;
            y1 = y0 + 1;
        }
        double font = Math.max(2 * u, 1);
        double lx = x0 + u / 2;
        double ly = Math.min(h - u / 2, y0 + font);
        for (boolean moved = true; moved; ) {
            moved = false;
            for (double[] l : labels) {
                if (Math.abs(l[0] - lx) < 10 * font && Math.abs(l[1] - ly) < font) {
                    ly = l[1] + 1.2 * font;
                    moved = true;
                }
            }
        }
        // the last row inside the frame is kept for "+N more"
        boolean fits = ly + 1.2 * font <= h - u / 2 || labels.isEmpty();
        out.append("<g class=\"mask\" data-kind=\"").append(Html.escape(m.kind())).append("\">")
                .append("<rect class=\"mask-box\" x=\"").append(x0).append("\" y=\"").append(y0)
                .append("\" width=\"").append(x1 - x0).append("\" height=\"").append(y1 - y0)
                .append("\" vector-effect=\"non-scaling-stroke\"/>");
        if (!fits) {
            out.append("</g>");
            return new double[] {lx, Math.min(ly, h - u / 2)};
        }
        labels.add(new double[] {lx, ly});
        out.append("<text class=\"mask-label\" x=\"").append(n(lx)).append("\" y=\"").append(n(ly))
                .append("\" font-size=\"").append(n(font))
                .append("\" stroke-width=\"").append(n(font / 6)).append("\">")
                .append(Html.escape(m.kind())).append("</text></g>");
        return null;
    }

    private static void pointer(StringBuilder out, StepRow s, EpisodePage.Surface surface, double u) {
        String action = s.action() == null ? "" : s.action();
        Integer x = s.x();
        Integer y = s.y();
        if (action.equals("scroll") && (x == null || y == null)) {
            x = (int) Math.round(surface.width() / 2.0 / surface.scaleX()); // no position: the middle
            y = (int) Math.round(surface.height() / 2.0 / surface.scaleY());
        }
        if (x == null || y == null) {
            return; // a key, a hotkey, typing: nothing to point at
        }
        double px = x * surface.scaleX();
        double py = y * surface.scaleY();
        if (action.equals("drag") && s.toX() != null && s.toY() != null) {
            double tx = s.toX() * surface.scaleX();
            double ty = s.toY() * surface.scaleY();
            out.append("<g class=\"mark drag\">");
            arrow(out, px, py, tx, ty, u);
            out.append("<circle class=\"start\" cx=\"").append(n(px)).append("\" cy=\"").append(n(py))
                    .append("\" r=\"").append(n(1.2 * u)).append("\" vector-effect=\"non-scaling-stroke\"/></g>");
            return;
        }
        if (action.equals("scroll")) {
            out.append("<g class=\"mark scroll\">");
            dot(out, px, py, u);
            int dx = s.scrollDx() == null ? 0 : Integer.signum(s.scrollDx());
            int dy = s.scrollDy() == null ? 0 : Integer.signum(s.scrollDy());
            if (dx != 0 || dy != 0) {
                double len = 8 * u / Math.hypot(dx, dy);
                arrow(out, px, py, px + dx * len, py + dy * len, u);
            }
            out.append("</g>");
            return;
        }
        out.append("<g class=\"mark pointer\">");
        dot(out, px, py, u);
        out.append("<path class=\"cross\" d=\"M").append(n(px - 3 * u)).append(' ').append(n(py)).append('H')
                .append(n(px + 3 * u)).append('M').append(n(px)).append(' ').append(n(py - 3 * u)).append('V')
                .append(n(py + 3 * u)).append("\" vector-effect=\"non-scaling-stroke\"/></g>");
    }

    private static void dot(StringBuilder out, double x, double y, double u) {
        out.append("<circle class=\"dot\" cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"")
                .append(n(1.5 * u)).append("\" vector-effect=\"non-scaling-stroke\"/>");
    }

    /** A line with a head, drawn as a polygon (a marker would scale with the stroke). */
    private static void arrow(StringBuilder out, double x1, double y1, double x2, double y2, double u) {
        double len = Math.hypot(x2 - x1, y2 - y1);
        out.append("<line class=\"path\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
                .append(n(x2)).append("\" y2=\"").append(n(y2)).append("\" vector-effect=\"non-scaling-stroke\"/>");
        if (len == 0) {
            return;
        }
        double ux = (x2 - x1) / len;
        double uy = (y2 - y1) / len;
        double head = 2.5 * u;
        double bx = x2 - ux * head;
        double by = y2 - uy * head;
        out.append("<polygon class=\"head\" points=\"").append(n(x2)).append(',').append(n(y2)).append(' ')
                .append(n(bx - uy * head / 2)).append(',').append(n(by + ux * head / 2)).append(' ')
                .append(n(bx + uy * head / 2)).append(',').append(n(by - ux * head / 2)).append("\"/>");
    }

    /** A coordinate: at most one decimal, no exponent. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", r / 10.0);
    }
}
