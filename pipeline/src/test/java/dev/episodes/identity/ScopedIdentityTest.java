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
    void anAppliedEpisodeCarriesTheSplitOfItsStablePseudonymAndUsersFromItsWrittenId() {
        Episode stable = dev.episodes.flink.serialization.LayoutSamplesAccess.closedEpisode();
        ScopedIdentity identity = new ScopedIdentity(IdentityScope.EPISODE, KEY, Splits.DEFAULT);
        Episode scoped = identity.apply(stable);
        assertEquals(Splits.DEFAULT.of(stable.user()), scoped.split());
        assertEquals(identity.episodeId(stable.episodeId()), scoped.episodeId());
        assertEquals(identity.user(stable.user(), scoped.episodeId(), DAY), scoped.user(),
                "erasure derives the person's value from the id the rows hold");
        assertNotEquals(stable.user(), scoped.user());
        assertNotEquals(stable.device(), scoped.device());
        assertEquals(stable.steps(), scoped.steps());
        assertEquals(scoped, identity.apply(stable), "deterministic: a rebuild writes the same rows");
        Episode decided = stable.withIdentity(stable.user(), stable.device(), "test");
        assertEquals("test", identity.apply(decided).split(), "a decided split is kept");
    }

    @Test
    void theEpisodeIdIsTheOldOneOnlyUnderStableAbsoluteAndDiffersBetweenEveryOtherPairOfScopes() {
        String stableId = "0123456789abcdef0123456789abcdef";
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (IdentityScope scope : IdentityScope.values()) {
            for (TimeScope time : List.of(TimeScope.ABSOLUTE, TimeScope.parse("relative", false),
                    TimeScope.parse("relative", true))) {
                String id = new ScopedIdentity(scope, time, KEY, Splits.DEFAULT).episodeId(stableId);
                assertTrue(ids.add(id), scope + " " + time.wire() + " gives an id another pair of scopes gives");
                assertEquals(scope == IdentityScope.STABLE && !time.relative(), id.equals(stableId), scope + " " + time.wire());
                assertEquals(32, id.length());
                String other = new ScopedIdentity(scope, time, OTHER, Splits.DEFAULT).episodeId(stableId);
                assertEquals(id.equals(stableId), id.equals(other), "another key, another id (unless unchanged)");
            }
        }
        assertEquals(9, ids.size());
    }

    @Test
    void framesFollowTheWrittenEpisodeId() {
        Episode stable = dev.episodes.flink.serialization.LayoutSamplesAccess.closedEpisode();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        String oldId = dev.episodes.frames.EpisodeFraming.frameId(stable.episodeId(), png);
        java.util.List<String> perStep = new java.util.ArrayList<>();
        for (int i = 0; i < stable.steps().size(); i++) {
            perStep.add(i % 2 == 0 ? oldId : null);
        }
        dev.episodes.frames.EpisodeFrames frames = new dev.episodes.frames.EpisodeFrames(perStep,
                List.of(new dev.episodes.frames.StoredFrame(oldId, png, "png", 4, 3, List.of())), java.util.Map.of("timeout", 1L));
        Episode framed = stable.withFrames(frames);
        Episode scoped = new ScopedIdentity(IdentityScope.DAY, KEY, Splits.DEFAULT).apply(framed);
        String newId = dev.episodes.frames.EpisodeFraming.frameId(scoped.episodeId(), png);
        assertNotEquals(oldId, newId);
        assertEquals(List.of(newId), scoped.frames().frames().stream().map(dev.episodes.frames.StoredFrame::frameId).toList());
        for (int i = 0; i < stable.steps().size(); i++) {
            assertEquals(i % 2 == 0 ? newId : null, scoped.frameIdOf(i));
        }
        assertEquals(frames.failures(), scoped.frames().failures());
        Episode old = new ScopedIdentity(IdentityScope.STABLE, KEY, Splits.DEFAULT).apply(framed);
        assertEquals(oldId, old.frameIdOf(0), "stable and absolute: the ids of every dataset before issue 17");
        assertEquals(stable.episodeId(), old.episodeId());
    }

    @Test
    void pseudonymsRedactionPutInStringsAreScopedLikeTheColumns() {
        Episode base = dev.episodes.flink.serialization.LayoutSamplesAccess.closedEpisode();
        String me = base.user();
        String colleague = KEY.user("u-77");
        String device = KEY.device("d-77");
        List<dev.episodes.reduction.Step> steps = new java.util.ArrayList<>(base.steps());
        dev.episodes.reduction.Step first = steps.get(0);
        dev.episodes.pairing.UiContext c = first.context().withStrings("Firefox", "Timesheet of " + me,
                "https://hr.example/staff/" + me + "/with/" + colleague, "button", "Approve " + colleague);
        steps.set(0, first.withContext(c, List.of()).withText("see " + device + " and " + me, first.endTsUs(), List.of()));
        Episode e = base.withSteps(steps);
        for (IdentityScope scope : List.of(IdentityScope.EPISODE, IdentityScope.DAY)) {
            ScopedIdentity identity = new ScopedIdentity(scope, KEY, Splits.DEFAULT);
            Episode out = identity.apply(e);
            dev.episodes.reduction.Step st = out.steps().get(0);
            String all = st.text() + st.context().windowTitle() + st.context().url() + st.context().elementName();
            for (String stable : List.of(me, colleague, device)) {
                assertTrue(!all.contains(stable), scope + ": " + all);
            }
            LocalDate day = ScopedIdentity.dayOf(out.startTsUs());
            assertEquals("Timesheet of " + out.user(), st.context().windowTitle(), "the same value as the user column");
            assertEquals("https://hr.example/staff/" + out.user() + "/with/" + identity.user(colleague, out.episodeId(), day),
                    st.context().url());
            assertEquals("see " + identity.device(device, out.episodeId(), day) + " and " + out.user(), st.text());
            assertEquals(first.redactions(), st.redactions());
        }
        Episode stable = new ScopedIdentity(IdentityScope.STABLE, KEY, Splits.DEFAULT).apply(e);
        assertEquals(e.steps(), stable.steps(), "stable scope: the stable pseudonyms stay");
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
