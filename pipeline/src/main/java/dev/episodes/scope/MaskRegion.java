package dev.episodes.scope;

import java.io.Serializable;
import java.util.Locale;

/**
 * A screen region frames must black out whatever app is in front, for example a status bar showing mail
 * previews. Reserved for frames: parsed and validated now, applied by the frames stage when it exists.
 * {@code x}, {@code y} are pixels from the {@code anchor} corner of the virtual desktop; {@code app},
 * when set, limits the region to contexts whose app matches.
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
