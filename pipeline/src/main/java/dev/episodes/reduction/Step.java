package dev.episodes.reduction;

import dev.episodes.pairing.UiContext;
import java.util.List;

/**
 * One reduced action, paired with its UI context. {@code eventIds} are the raw events it came from,
 * kept for audit and tests and never written to training output. {@code gapBeforeUs} is the longest
 * silence between raw events of the device since the previous step began: sessionization cuts on it.
 */
public record Step(
        Action action, long tsUs, long endTsUs,
        Integer x, Integer y, Integer toX, Integer toY, Integer scrollDx, Integer scrollDy,
        String text, String keys, UiContext context, List<String> redactions,
        List<String> eventIds, long gapBeforeUs) {

    public Step {
        redactions = List.copyOf(redactions);
        eventIds = List.copyOf(eventIds);
    }

    public Step withText(String newText, long newEndTsUs, List<String> newRedactions) {
        return new Step(action, tsUs, newEndTsUs, x, y, toX, toY, scrollDx, scrollDy, newText, keys, context,
                newRedactions, eventIds, gapBeforeUs);
    }
}
