package dev.episodes.reduction;

import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * One reduced action, paired with its UI context. {@code eventIds} are the raw events it came from, which
 * reduction and redaction need (a secret typed across steps is found by them); once a step is redacted
 * only its first is kept ({@link #withFirstEventId}), and they are never written to training output. {@code gapBeforeUs} is the longest
 * silence between raw events of the device since the previous step began: sessionization cuts on it.
 */
public record Step(
        Action action, long tsUs, long endTsUs,
        Integer x, Integer y, Integer toX, Integer toY, Integer scrollDx, Integer scrollDy,
        String text, String keys, UiContext context, List<Redaction> redactions,
        List<String> eventIds, long gapBeforeUs) {

    public Step {
        redactions = List.copyOf(redactions);
        eventIds = List.copyOf(eventIds);
    }

    public Step withText(String newText, long newEndTsUs, List<Redaction> added) {
        return new Step(action, tsUs, newEndTsUs, x, y, toX, toY, scrollDx, scrollDy, newText, keys, context,
                concat(redactions, added), eventIds, gapBeforeUs);
    }

    public Step withContext(UiContext newContext, List<Redaction> added) {
        return new Step(action, tsUs, endTsUs, x, y, toX, toY, scrollDx, scrollDy, text, keys, newContext,
                concat(redactions, added), eventIds, gapBeforeUs);
    }

    /**
     * This step with only its first event id: all an episode needs of its steps' ids after redaction (its
     * id is a hash of the first). A typing step holds an id per key, and an open episode's steps sit in
     * state, in checkpoints and in the records sent to the shard writers: the rest were about nine tenths
     * of the strings a replay kept alive.
     */
    public Step withFirstEventId() {
        if (eventIds.size() <= 1) {
            return this;
        }
        return new Step(action, tsUs, endTsUs, x, y, toX, toY, scrollDx, scrollDy, text, keys, context,
                redactions, List.of(eventIds.get(0)), gapBeforeUs);
    }

    /** This step moved {@code byUs} earlier in time (a collapsed secret before it). */
    public Step shiftedBack(long byUs) {
        return new Step(action, tsUs - byUs, endTsUs - byUs, x, y, toX, toY, scrollDx, scrollDy, text, keys, context,
                redactions, eventIds, gapBeforeUs);
    }

    /** The distinct kinds redacted in this step, in order of first occurrence (the output column). */
    public List<String> redactionKinds() {
        if (redactions.isEmpty()) {
            return List.of();
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (Redaction r : redactions) {
            kinds.add(r.kind());
        }
        return List.copyOf(kinds);
    }

    private static List<Redaction> concat(List<Redaction> a, List<Redaction> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<Redaction> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
