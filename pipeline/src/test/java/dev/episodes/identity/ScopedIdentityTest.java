package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.session.Episode;
import dev.episodes.split.Splits;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedIdentityTest {
    private static final Pseudonymizer KEY = new Pseudonymizer("a key of sixteen bytes or more".getBytes());
    private static final Pseudonymizer OTHER = new Pseudonymizer("another key, also long enough".getBytes());
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Test
    void episodeScopeGivesEachEpisodeItsOwnKeyedPseudonym() {
        String stable = KEY.user("u-1042");
        ScopedIdentity episode = new ScopedIdentity(IdentityScope.EPISODE, KEY, Splits.DEFAULT);
        String a = episode.user(stable, "e1", DAY);
        assertNotEquals(a, episode.user(stable, "e2", DAY));
        assertNotEquals(stable, a);
        assertTrue(a.startsWith("u_") && a.length() == stable.length(), a);
        assertEquals(a, episode.user(stable, "e1", DAY), "deterministic: reruns give the same rows");
        assertNotEquals(a, new ScopedIdentity(IdentityScope.EPISODE, OTHER, Splits.DEFAULT).user(stable, "e1", DAY),
                "keyed: the same inputs under another key give another value");
        assertTrue(episode.device(KEY.device("d-7"), "e1", DAY).startsWith("d_"));
    }

    @Test
    void dayScopeIsOneValuePerPersonAndUtcDayAndStableIsTheStablePseudonym() {
        String stable = KEY.user("u-1042");
        ScopedIdentity day = new ScopedIdentity(IdentityScope.DAY, KEY, Splits.DEFAULT);
        assertEquals(day.user(stable, "e1", DAY), day.user(stable, "e2", DAY));
        assertNotEquals(day.user(stable, "e1", DAY), day.user(stable, "e1", DAY.plusDays(1)));
        assertEquals(stable, new ScopedIdentity(IdentityScope.STABLE, KEY, Splits.DEFAULT).user(stable, "e1", DAY));
    }

    @Test
    void anAppliedEpisodeKeepsItsIdAndCarriesTheSplitOfItsStablePseudonym() {
        Episode stable = dev.episodes.flink.serialization.LayoutSamplesAccess.closedEpisode();
        Episode scoped = new ScopedIdentity(IdentityScope.EPISODE, KEY, Splits.DEFAULT).apply(stable);
        assertEquals(Splits.DEFAULT.of(stable.user()), scoped.split());
        assertEquals(stable.episodeId(), scoped.episodeId());
        assertNotEquals(stable.user(), scoped.user());
        assertNotEquals(stable.device(), scoped.device());
        assertEquals(stable.steps(), scoped.steps());
        assertEquals(scoped, new ScopedIdentity(IdentityScope.EPISODE, KEY, Splits.DEFAULT).apply(scoped.withIdentity(
                stable.user(), stable.device(), scoped.split())), "a decided split is kept");
    }

    @Test
    void relativeTimeKeepsTheDateOrHourAndTheLength() {
        long midnight = 1_764_547_200_000_000L; // 2026-12-01T00:00Z
        long start = midnight + 13 * 3_600_000_000L + 1_234_567L;
        TimeScope rel = TimeScope.parse("relative", false);
        assertEquals(midnight, rel.episodeStart(start));
        assertEquals(midnight + 5_000_000L, rel.episodeEnd(start, start + 5_000_000L));
        assertEquals(List.of(0L, 7L), List.of(rel.stepTime(start, start), rel.stepTime(start + 7, start)));
        assertEquals(midnight + 13 * 3_600_000_000L, TimeScope.parse("relative", true).episodeStart(start));
        assertEquals(start, TimeScope.ABSOLUTE.episodeStart(start));
        assertEquals("relative-hour", TimeScope.parse("relative", true).wire());
        assertThrows(IllegalArgumentException.class, () -> TimeScope.parse("absolute", true));
        assertThrows(IllegalArgumentException.class, () -> TimeScope.parse("fuzzy", false));
        assertThrows(IllegalArgumentException.class, () -> IdentityScope.parse("person"));
    }
}
