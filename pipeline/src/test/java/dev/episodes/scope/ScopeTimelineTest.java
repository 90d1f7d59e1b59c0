package dev.episodes.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.testing.Timeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Out-of-scope activity leaves no step and no text, and cuts the episode around it. */
class ScopeTimelineTest {
    private static final RedactionPolicy ALLOW = RedactionPolicy.DEFAULT.withScope(ScopeFiles.allowList(ScopeCorpus.ALLOW));

    @Test
    void outOfScopeStepsLeaveOnlyATotal() {
        Timeline t = Timeline.run(ScopeCorpus.events(), ALLOW);
        String all = render(t);
        for (String f : ScopeCorpus.FORBIDDEN) {
            assertFalse(all.contains(f), f);
        }
        for (String k : ScopeCorpus.KEPT) {
            assertTrue(all.contains(k), k + " in " + all);
        }
        assertEquals(ScopeCorpus.outOfScopeSteps(ScopeFiles.allowList(ScopeCorpus.ALLOW)), total(t.dropped));
        assertTrue(REASONS.containsAll(t.dropped.keySet()), t.dropped.toString());
    }

    @Test
    void outOfScopeTimeSplitsEpisodes() {
        Timeline t = Timeline.run(ScopeCorpus.events(), ALLOW);
        assertEquals(ScopeCorpus.IN_SCOPE_RUNS, t.episodes.size(), t.episodes.toString());
        assertEquals("Slack", t.episodes.get(0).steps().get(0).context().app());
        assertEquals("Google Chrome", t.episodes.get(1).steps().get(0).context().app());
        assertEquals("Slack", t.episodes.get(2).steps().get(0).context().app());
    }

    @Test
    void withoutAnAllowListTheDenyFamiliesStillCut() {
        Timeline t = Timeline.run(ScopeCorpus.events(), RedactionPolicy.DEFAULT);
        String all = render(t);
        // Spotify and the news site are not denied by anyone: in scope without an allow list
        assertTrue(all.contains("zqmusicsearch"), all);
        assertTrue(all.contains("zqnewscomment"));
        for (String f : new String[] {"zqvaultnote", "zqeuvaultquery", "zqpopupsearch", "zqkeychainitem",
                "zqseahorsekey", "zqcredential", "zqpasswordsnote", "1Password 8", "my.1password.eu",
                "nngceckbapebfimnlniiiahkandclblb"}) {
            assertFalse(all.contains(f), f);
        }
        assertEquals(ScopeCorpus.outOfScopeSteps(ScopePolicy.DEFAULT), total(t.dropped));
    }

    /** Drop reasons are mechanisms, never apps: the scope policy and the older deny-lists. */
    static final java.util.Set<String> REASONS = java.util.Set.of("out_of_scope", "denied_app", "denied_url");

    private static int total(Map<String, Integer> dropped) {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String render(Timeline t) {
        StringBuilder b = new StringBuilder();
        for (Episode e : t.episodes) {
            b.append(e).append('\n');
            for (Step s : e.steps()) {
                b.append(s).append('\n');
            }
        }
        return b.toString();
    }
}
