package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Red team: episode ids from the data become sample page file names. Two ids must never share a file (the
 * overview would link both to one page, the second overwriting the first), and no id becomes a path.
 */
class PageNamesCollisionTest {
    @Test
    void aPlainIdShapedLikeADigestNameDoesNotCollideWithTheIdItDigests() {
        String hostile = "../../etc/passwd";
        String digestName = PageNames.episodeFile(hostile); // episode-sha256-<24 hex>.html
        String lookalike = digestName.substring("episode-".length(), digestName.length() - ".html".length());
        assertTrue(lookalike.startsWith("sha256-"), lookalike);
        assertNotEquals(digestName, PageNames.episodeFile(lookalike),
                "episode ids '" + hostile + "' and '" + lookalike + "' share the page " + digestName);
    }

    @Test
    void noIdBecomesAPathOrAScheme() {
        for (String id : List.of("..", ".", "a/b", "a\\b", "C:x", "javascript:alert(1)", "x\u0000y", "",
                " ", "\u202e", "con", "a".repeat(500), "%2e%2e", "..\u2215x")) {
            String f = PageNames.episodeFile(id);
            assertFalse(f.contains("/") || f.contains("\\") || f.contains(":") || f.contains("\u0000")
                    || f.contains(".."), id + " -> " + f);
            assertTrue(f.length() < 140, f);
            String href = PageNames.href("overview-episodes", f);
            assertFalse(href.contains(":") || href.contains("\""), href);
        }
    }
}
