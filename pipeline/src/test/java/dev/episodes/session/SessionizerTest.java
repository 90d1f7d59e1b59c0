package dev.episodes.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionizerTest {
    private static final long MIN = 60_000_000L;
    private static final SessionRules RULES = new SessionRules(Duration.ofMinutes(5), Duration.ofMinutes(30), SplitOn.NONE);

    private static Step step(long tsUs, long endTsUs, long gapBeforeUs, String app, String title) {
        UiContext c = new UiContext(app, title, null, null, null, null, null, null, false, null, null, null, null);
        return new Step(Action.KEY, tsUs, endTsUs, null, null, null, null, null, null, null, "Enter", c, List.of(),
                List.of("e" + tsUs), gapBeforeUs);
    }

    private static Step step(long tsUs, long gapBeforeUs) {
        return step(tsUs, tsUs, gapBeforeUs, "Terminal", "zsh");
    }

    private static List<Integer> sizes(SessionRules rules, Step... steps) {
        Sessionizer s = new Sessionizer(rules);
        List<List<Step>> out = new ArrayList<>();
        for (Step st : steps) {
            s.accept(st, out::add);
        }
        s.finish(out::add);
        return out.stream().map(List::size).toList();
    }

    @Test
    void aGapOfExactlyTheSessionGapKeepsTheEpisodeOneMicrosecondMoreEndsIt() {
        assertEquals(List.of(2), sizes(RULES, step(0, 0), step(5 * MIN, 5 * MIN)));
        assertEquals(List.of(1, 1), sizes(RULES, step(0, 0), step(5 * MIN + 1, 5 * MIN + 1)));
    }

    @Test
    void theStepThatWouldExceedTheCapStartsANewEpisode() {
        assertEquals(List.of(2, 1), sizes(RULES, step(0, 0), step(30 * MIN, 4 * MIN), step(30 * MIN + 1, 1)));
        assertEquals(List.of(1, 1), sizes(RULES, step(0, 0), step(29 * MIN, 30 * MIN + 1, 1, "Terminal", "zsh")));
    }

    @Test
    void splitOnAppOrWindowIsOptional() {
        Step a = step(0, 0, 0, "Terminal", "zsh");
        Step b = step(1000, 1000, 1000, "Terminal", "vim");
        Step c = step(2000, 2000, 1000, "Slack", "#team");
        assertEquals(List.of(3), sizes(RULES, a, b, c));
        assertEquals(List.of(2, 1), sizes(new SessionRules(RULES.gap(), RULES.maxLength(), SplitOn.APP), a, b, c));
        assertEquals(List.of(1, 1, 1), sizes(new SessionRules(RULES.gap(), RULES.maxLength(), SplitOn.WINDOW), a, b, c));
    }

    @Test
    void theOpenEpisodeClosesWhenEventTimePassesTheLastRawEventPlusTheGap() {
        Sessionizer s = new Sessionizer(RULES);
        List<List<Step>> out = new ArrayList<>();
        s.accept(step(0, 0), out::add);
        s.advanceTo(5 * MIN + 99, 100, out::add);
        assertEquals(0, out.size());
        s.advanceTo(5 * MIN + 100, 100, out::add);
        assertEquals(1, out.size());
    }

    @Test
    void rulesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SessionRules(Duration.ZERO, Duration.ofMinutes(1), SplitOn.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionRules(Duration.ofMinutes(5), Duration.ofMinutes(1), SplitOn.NONE));
    }
}
