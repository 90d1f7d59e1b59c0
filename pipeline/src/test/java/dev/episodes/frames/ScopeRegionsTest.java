package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.episodes.scope.MaskRegion;
import dev.episodes.scope.MaskRegion.Anchor;
import dev.episodes.scope.ScopePattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scope policy regions placed from their corner on the step's screen, for the apps they name. */
class ScopeRegionsTest {
    private static MaskRect scope(int x, int y, int w, int h) {
        return new MaskRect(x, y, w, h, MaskKinds.SCOPE_REGION);
    }

    @Test
    void eachAnchorPlacesTheRegionFromItsCorner() {
        ScopeRegions r = new ScopeRegions(List.of(
                new MaskRegion("tl", null, Anchor.TOP_LEFT, 10, 20, 100, 30),
                new MaskRegion("tr", null, Anchor.TOP_RIGHT, 0, 0, 300, 24),
                new MaskRegion("bl", null, Anchor.BOTTOM_LEFT, 5, 6, 50, 40),
                new MaskRegion("br", null, Anchor.BOTTOM_RIGHT, 10, 10, 200, 100)));
        assertEquals(List.of(scope(10, 20, 100, 30), scope(1620, 0, 300, 24), scope(5, 1034, 50, 40),
                scope(1710, 970, 200, 100)), r.at(1920, 1080, "Mail"));
    }

    @Test
    void regionsAreClippedToTheScreenAndDroppedWhenOffIt() {
        ScopeRegions r = new ScopeRegions(List.of(
                new MaskRegion("wide", null, Anchor.TOP_RIGHT, 0, 0, 5000, 24),
                new MaskRegion("off", null, Anchor.TOP_LEFT, 3000, 0, 10, 10),
                new MaskRegion("below", null, Anchor.BOTTOM_LEFT, 0, 2000, 10, 10)));
        assertEquals(List.of(scope(0, 0, 1280, 24)), r.at(1280, 800, null));
    }

    @Test
    void anAppPatternLimitsTheRegionAsScopeRulesMatchApps() {
        ScopeRegions r = new ScopeRegions(List.of(
                new MaskRegion("mail bar", new ScopePattern("*mail*"), Anchor.TOP_LEFT, 0, 0, 10, 10),
                new MaskRegion("slack", new ScopePattern("re:^slack"), Anchor.TOP_LEFT, 0, 20, 10, 10)));
        assertEquals(List.of(scope(0, 0, 10, 10)), r.at(100, 100, "Thunderbird Mail"));
        assertEquals(List.of(scope(0, 0, 10, 10)), r.at(100, 100, "ＭＡＩＬ")); // full-width spelling, NFKC
        assertEquals(List.of(scope(0, 20, 10, 10)), r.at(100, 100, "Slack"));
        assertEquals(List.of(), r.at(100, 100, "Terminal"));
        assertEquals(List.of(), r.at(100, 100, null), "an app pattern never matches an unknown app");
        assertEquals(List.of(), ScopeRegions.NONE.at(100, 100, "Mail"));
        assertSame(ScopeRegions.NONE, ScopeRegions.of(null));
    }

    @Test
    void scopeRegionsAreFilledOnTheFrameAfterThePlannedMasks() throws Exception {
        ScopeRegions r = new ScopeRegions(List.of(new MaskRegion("bar", null, Anchor.BOTTOM_LEFT, 0, 0, 1280, 20)));
        ShotRequest shot = new ShotRequest("file:///s.png", 1280, 720, "Mail",
                List.of(new MaskRect(1, 2, 3, 4, MaskKinds.SECURE_FIELD)));
        byte[] png = TestImages.encode(TestImages.noise(2560, 1440, 1), "png");
        FrameRenderer.Rendered f = new FrameRenderer(FrameSettings.on()).render(png, 1280, 720, r.with(shot));
        assertEquals(List.of(new MaskRect(1, 2, 3, 4, MaskKinds.SECURE_FIELD), scope(0, 700, 1280, 20)), f.masks());
    }
}
