package dev.episodes.scope;

import java.io.Serializable;
import java.util.Locale;

/**
 * A screen region frames must black out whatever app is in front, for example a status bar showing mail
 * previews. The frames stage fills it on every frame it applies to ({@code dev.episodes.frames.ScopeRegions},
 * mask kind {@code scope_region}). {@code x}, {@code y} are screen pixels (the recorder's, those of steps)
 * from the {@code anchor} corner of the virtual desktop to the region's nearest corner; {@code app}, when
 * set, limits the region to frames whose step's app matches (as scope rules match apps).
 */
public record MaskRegion(String name, ScopePattern app, Anchor anchor, int x, int y, int w, int h)
        implements Serializable {

    public enum Anchor {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Anchor parse(String s) {
            for (Anchor a : values()) {
                if (a.wire().equals(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("mask region anchor must be top-left, top-right, bottom-left or "
                    + "bottom-right, got '" + s + "'");
        }
    }

    /** Whether the region applies to a frame of this app (always without an app pattern; never to a null app with one). */
    public boolean appliesTo(String stepApp) {
        return app == null || stepApp != null && app.compiled().matcher(ScopePattern.normalize(stepApp)).find();
    }

    public MaskRegion {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a mask region needs a name");
        }
        if (anchor == null) {
            anchor = Anchor.TOP_LEFT;
        }
        if (x < 0 || y < 0 || w <= 0 || h <= 0) {
            throw new IllegalArgumentException("mask region '" + name + "': x and y must be >= 0, w and h > 0");
        }
    }
}
