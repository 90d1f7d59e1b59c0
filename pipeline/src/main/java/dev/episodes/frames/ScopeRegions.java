package dev.episodes.frames;

import dev.episodes.scope.MaskRegion;
import dev.episodes.scope.ScopePolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope policy's mask regions as masks of one frame: each region that applies to the step's app,
 * placed from its anchor corner on a screen of the given size, clipped to it (kind
 * {@link MaskKinds#SCOPE_REGION}, screen pixels). A region wholly off the screen is no mask.
 */
public final class ScopeRegions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No regions. */
    public static final ScopeRegions NONE = new ScopeRegions(List.of());
    /** Apps seen by one instance are few; cap the memo so odd input cannot grow it without bound. */
    private static final int MAX_MEMO = 4096;

    private final List<MaskRegion> regions;
    private transient Map<String, List<MaskRegion>> byApp;

    public ScopeRegions(List<MaskRegion> regions) {
        this.regions = List.copyOf(regions);
    }

    /** The mask regions of a scope policy (none without one). */
    public static ScopeRegions of(ScopePolicy policy) {
        return policy == null || policy.maskRegions().isEmpty() ? NONE : new ScopeRegions(policy.maskRegions());
    }

    public List<MaskRegion> regions() {
        return regions;
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** The masks of a frame of {@code app} on a {@code screenW} x {@code screenH} screen. */
    public List<MaskRect> at(int screenW, int screenH, String app) {
        if (regions.isEmpty() || screenW <= 0 || screenH <= 0) {
            return List.of();
        }
        List<MaskRect> out = new ArrayList<>();
        for (MaskRegion r : applying(app)) {
            long x0 = switch (r.anchor()) {
                case TOP_LEFT, BOTTOM_LEFT -> r.x();
                case TOP_RIGHT, BOTTOM_RIGHT -> (long) screenW - r.x() - r.w();
            };
            long y0 = switch (r.anchor()) {
                case TOP_LEFT, TOP_RIGHT -> r.y();
                case BOTTOM_LEFT, BOTTOM_RIGHT -> (long) screenH - r.y() - r.h();
            };
            long cx0 = Math.max(0, x0);
            long cy0 = Math.max(0, y0);
            long cx1 = Math.min(screenW, x0 + r.w());
            long cy1 = Math.min(screenH, y0 + r.h());
            if (cx0 < cx1 && cy0 < cy1) {
                out.add(new MaskRect((int) cx0, (int) cy0, (int) (cx1 - cx0), (int) (cy1 - cy0),
                        MaskKinds.SCOPE_REGION));
            }
        }
        return out;
    }

    private List<MaskRegion> applying(String app) {
        Map<String, List<MaskRegion>> memo = byApp;
        if (memo == null) {
            memo = byApp = new ConcurrentHashMap<>();
        }
        String key = app == null ? "\u0000null" : app;
        List<MaskRegion> found = memo.get(key);
        if (found == null) {
            found = regions.stream().filter(r -> r.appliesTo(app)).toList();
            if (memo.size() < MAX_MEMO) {
                memo.put(key, found);
            }
        }
        return found;
    }

    /** The planned masks of a shot followed by the scope regions that apply to it. */
    public FrameRenderer.MaskSource with(ShotRequest shot) {
        return (w, h) -> {
            List<MaskRect> scope = at(w, h, shot.app());
            if (scope.isEmpty()) {
                return shot.masks();
            }
            List<MaskRect> all = new ArrayList<>(shot.masks());
            all.addAll(scope);
            return all;
        };
    }
}
